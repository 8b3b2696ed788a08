package io.netrig.sim.device;

import java.util.List;
import java.util.Map;

/**
 * What br_netfilter does to frames a bridge forwards between its ports. The bridge asks; the namespace's
 * netfilter answers, so the device knows nothing of iptables.
 */
@FunctionalInterface
public interface BridgeFilter {
    /** For a frame bridged from {@code in} to each of {@code outs}: the frame to send per port; absent ports dropped it. */
    Map<NetDevice, Frame> filter(BridgeDevice bridge, NetDevice in, Frame frame, List<NetDevice> outs);

    /** Without br_netfilter (bridge-nf-call-iptables off), bridged frames are not seen by iptables. */
    static BridgeFilter none() {
        return (bridge, in, frame, outs) -> {
            Map<NetDevice, Frame> all = new java.util.LinkedHashMap<>();
            outs.forEach(o -> all.put(o, frame));
            return all;
        };
    }
}
