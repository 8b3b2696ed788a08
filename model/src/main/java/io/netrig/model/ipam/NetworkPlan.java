package io.netrig.model.ipam;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Prefix;
import java.util.List;
import java.util.Objects;

/**
 * The addressing Docker's IPAM settled on for one network on one host: its subnet and gateway, and the
 * range containers are allocated from.
 */
public record NetworkPlan(String network, String host, Ipv4Prefix subnet, Ipv4Address gateway, Ipv4Prefix allocationRange,
                          List<Pool> morePools) {
    /** A further pool of the network: its subnet and gateway (containers take addresses from the first pool first). */
    public record Pool(Ipv4Prefix subnet, Ipv4Address gateway) {
        public Pool {
            Objects.requireNonNull(subnet, "subnet");
            Objects.requireNonNull(gateway, "gateway");
        }
    }

    public NetworkPlan {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(allocationRange, "allocationRange");
        morePools = List.copyOf(morePools);
    }

    /** A network with one pool. */
    public NetworkPlan(String network, String host, Ipv4Prefix subnet, Ipv4Address gateway, Ipv4Prefix allocationRange) {
        this(network, host, subnet, gateway, allocationRange, List.of());
    }

    /** Every pool, the first one first. */
    public List<Pool> pools() {
        List<Pool> all = new java.util.ArrayList<>();
        all.add(new Pool(subnet, gateway));
        all.addAll(morePools);
        return all;
    }

    /** The pool whose subnet holds {@code ip}, if any. */
    public java.util.Optional<Pool> poolOf(Ipv4Address ip) {
        return pools().stream().filter(p -> p.subnet().contains(ip)).findFirst();
    }
}
