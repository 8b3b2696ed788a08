package io.netrig.model.firewall;

import java.util.List;

/** The iptables tables netrig models, in the order packets meet them at a hook. */
public enum TableName {
    RAW(List.of("PREROUTING", "OUTPUT")),
    MANGLE(List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING")),
    NAT(List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING")),
    FILTER(List.of("INPUT", "FORWARD", "OUTPUT"));

    private final List<String> builtinChains;

    TableName(List<String> builtinChains) {
        this.builtinChains = builtinChains;
    }

    /** The table's name as iptables spells it ({@code filter}). */
    public String iptablesName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public List<String> builtinChains() {
        return builtinChains;
    }

    public boolean isBuiltin(String chain) {
        return builtinChains.contains(chain);
    }
}
