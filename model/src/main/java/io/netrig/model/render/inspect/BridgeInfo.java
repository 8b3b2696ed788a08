package io.netrig.model.render.inspect;

import io.netrig.model.net.MacAddress;
import java.util.List;
import java.util.Objects;

/** One Linux bridge as {@code brctl show} prints it; {@code interfaces} are its ports, sorted by name as brctl lists them. */
public record BridgeInfo(String name, MacAddress mac, boolean stp, List<String> interfaces) {
    /** Linux's default bridge priority, the first half of the bridge ID. */
    public static final int DEFAULT_PRIORITY = 0x8000;

    public BridgeInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mac, "mac");
        interfaces = interfaces.stream().sorted().toList();
    }

    /** {@code 8000.0242ac110001}: priority, then the bridge's MAC without colons. */
    public String bridgeId() {
        return String.format("%04x.%012x", DEFAULT_PRIORITY, mac.bits());
    }
}
