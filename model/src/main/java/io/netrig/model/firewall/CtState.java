package io.netrig.model.firewall;

/** Connection tracking states as {@code -m conntrack --ctstate} names them. */
public enum CtState { NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED, SNAT, DNAT }
