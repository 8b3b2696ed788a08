package io.netrig.model.backend;

/** Things a backend may or may not be able to build or do. */
public enum Feature { VETH, BRIDGE, BR_NETFILTER, IPTABLES, MACVLAN, IPVLAN, VXLAN, VLAN, DUMMY, IPVS, NETEM, CAPTURE, ESP }
