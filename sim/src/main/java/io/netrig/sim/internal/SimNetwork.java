package io.netrig.sim.internal;

import io.netrig.model.NetrigException;
import io.netrig.model.topology.LinkRef;
import io.netrig.sim.core.Simulator;
import io.netrig.sim.device.NetDevice;
import io.netrig.sim.stack.IpStack;
import java.util.Map;

/** The built network of a lab: its simulator, one stack per namespace, every interface by reference. */
public record SimNetwork(Simulator sim, Map<String, IpStack> stacks, Map<LinkRef, NetDevice> devices) {
    public SimNetwork {
        stacks = Map.copyOf(stacks);
        devices = Map.copyOf(devices);
    }

    public IpStack stack(String namespace) {
        IpStack stack = stacks.get(namespace);
        if (stack == null) {
            throw new NetrigException("no namespace '" + namespace + "' in this lab (it has: "
                    + String.join(", ", stacks.keySet().stream().sorted().toList()) + ")");
        }
        return stack;
    }

    public NetDevice device(LinkRef ref) {
        NetDevice device = devices.get(ref);
        if (device == null) {
            throw new NetrigException("no interface " + ref + " in this lab (it has: "
                    + String.join(", ", devices.keySet().stream().sorted().map(LinkRef::toString).toList()) + ")");
        }
        return device;
    }
}
