package io.netrig.sim.stack;

import io.netrig.sim.core.Trace;
import io.netrig.sim.device.BridgeDevice;
import io.netrig.sim.device.BridgeFilter;
import io.netrig.sim.device.Frame;
import io.netrig.sim.device.NetDevice;
import io.netrig.sim.netfilter.Hook;
import io.netrig.sim.netfilter.HookResult;
import io.netrig.sim.netfilter.NfPacket;
import io.netrig.sim.wire.EthernetFrame;
import io.netrig.sim.wire.Ipv4Packet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * br_netfilter for one bridge (bridge-nf-call-iptables = 1): bridged IPv4 frames pass the namespace's
 * PREROUTING, FORWARD and POSTROUTING hooks with the bridge as both in- and out-interface, which is why
 * {@code -i br-x -o br-x} rules see traffic between two containers. ARP is not IPv4 and is not filtered.
 */
public final class BridgeNetfilter implements BridgeFilter {
    private final IpStack stack;

    public BridgeNetfilter(IpStack stack) {
        this.stack = stack;
    }

    @Override
    public Map<NetDevice, Frame> filter(BridgeDevice bridge, NetDevice in, Frame frame, List<NetDevice> outs) {
        Map<NetDevice, Frame> result = new LinkedHashMap<>();
        EthernetFrame eth = EthernetFrame.decode(frame.bytes());
        if (!(eth.payload() instanceof Ipv4Packet ip)) {
            outs.forEach(o -> result.put(o, frame));
            return result;
        }
        Trace trace = frame.trace();
        String br = bridge.name();
        NfPacket p;
        switch (stack.netfilter().run(Hook.PREROUTING, NfPacket.untracked(ip), br, "", true, trace)) {
            case HookResult.Stopped s -> {
                stack.rejected(s, false, trace);
                return result;
            }
            case HookResult.Pass pass -> p = pass.packet();
        }
        for (NetDevice out : outs) {
            NfPacket forwarded;
            switch (stack.netfilter().run(Hook.FORWARD, p, br, br, true, trace)) {
                case HookResult.Stopped s -> {
                    stack.rejected(s, false, trace);
                    continue;
                }
                case HookResult.Pass pass -> forwarded = pass.packet();
            }
            switch (stack.netfilter().run(Hook.POSTROUTING, forwarded, "", br, true, trace)) {
                case HookResult.Stopped s -> stack.rejected(s, false, trace);
                case HookResult.Pass pass -> result.put(out, pass.packet().ip().equals(ip) ? frame
                        : new Frame(new EthernetFrame(eth.dst(), eth.src(), pass.packet().ip()).encode(), trace));
            }
        }
        return result;
    }
}
