package io.netrig.sim.internal;

import io.netrig.model.NetrigException;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Service;
import io.netrig.sim.core.Simulator;
import io.netrig.sim.device.NetDevice;
import io.netrig.sim.stack.IpStack;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The built network of a lab: its simulator, one stack per namespace, every interface by reference, and the open
 * sockets of its services. {@link NetworkBuilder} changes it when the lab is updated; everyone else only reads it.
 */
public final class SimNetwork {
    private final Simulator sim;
    private final Map<String, IpStack> stacks = new LinkedHashMap<>();
    private final Map<LinkRef, NetDevice> devices = new LinkedHashMap<>();
    private final Map<Service, Runnable> services = new LinkedHashMap<>();

    SimNetwork(Simulator sim) {
        this.sim = sim;
    }

    public Simulator sim() {
        return sim;
    }

    /** The stacks by namespace (a snapshot). */
    public Map<String, IpStack> stacks() {
        return Map.copyOf(stacks);
    }

    /** The interfaces by reference (a snapshot). */
    public Map<LinkRef, NetDevice> devices() {
        return Map.copyOf(devices);
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

    Map<String, IpStack> mutableStacks() {
        return stacks;
    }

    Map<LinkRef, NetDevice> mutableDevices() {
        return devices;
    }

    Map<Service, Runnable> openServices() {
        return services;
    }
}
