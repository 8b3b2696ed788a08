package io.netrig.model.firewall;

/** The verdict of a built-in chain when no rule decided. */
public enum Policy { ACCEPT, DROP }
