package io.netrig.model.firewall;

/** Address types of {@code -m addrtype}. */
public enum AddrType { LOCAL, UNICAST, BROADCAST, MULTICAST }
