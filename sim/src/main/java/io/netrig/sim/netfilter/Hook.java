package io.netrig.sim.netfilter;

import io.netrig.model.firewall.TableName;
import java.util.List;

/**
 * The IPv4 netfilter hooks with the tables that register at each, in Linux priority order
 * (raw -300, mangle -150, nat dst -100, filter 0, nat src 100), and which address NAT rewrites there.
 */
public enum Hook {
    PREROUTING(List.of(TableName.RAW, TableName.MANGLE, TableName.NAT), Manip.DST),
    INPUT(List.of(TableName.MANGLE, TableName.FILTER, TableName.NAT), Manip.SRC),
    FORWARD(List.of(TableName.MANGLE, TableName.FILTER), Manip.NONE),
    OUTPUT(List.of(TableName.RAW, TableName.MANGLE, TableName.NAT, TableName.FILTER), Manip.DST),
    POSTROUTING(List.of(TableName.MANGLE, TableName.NAT), Manip.SRC);

    /** Which side of a connection NAT may change at a hook. */
    public enum Manip { SRC, DST, NONE }

    private final List<TableName> tables;
    private final Manip manip;

    Hook(List<TableName> tables, Manip manip) {
        this.tables = tables;
        this.manip = manip;
    }

    public List<TableName> tables() {
        return tables;
    }

    public Manip manip() {
        return manip;
    }

    /** Where conntrack first sees a packet and looks up (or creates) its connection. */
    public boolean tracksHere() {
        return this == PREROUTING || this == OUTPUT;
    }

    /** Where a packet leaves netfilter and its new connection is confirmed into the table. */
    public boolean confirmsHere() {
        return this == INPUT || this == POSTROUTING;
    }
}
