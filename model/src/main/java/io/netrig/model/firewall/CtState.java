package io.netrig.model.firewall;

/** Connection tracking states as {@code -m conntrack --ctstate} names them, in the order iptables-save prints them. */
public enum CtState { INVALID, NEW, RELATED, ESTABLISHED, UNTRACKED, SNAT, DNAT }
