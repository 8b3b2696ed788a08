package io.netrig.model.ipam;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Prefix;
import java.util.Objects;

/**
 * The addressing Docker's IPAM settled on for one network on one host: its subnet and gateway, and the
 * range containers are allocated from.
 */
public record NetworkPlan(String network, String host, Ipv4Prefix subnet, Ipv4Address gateway, Ipv4Prefix allocationRange) {
    public NetworkPlan {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(allocationRange, "allocationRange");
    }
}
