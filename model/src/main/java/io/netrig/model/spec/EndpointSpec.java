package io.netrig.model.spec;

import io.netrig.model.net.Ipv4Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A container's attachment to a network: a fixed {@code ip} or one from IPAM, and DNS aliases. {@code interfaceName} is
 * set only in a running lab that changed ({@link LabEdits}): the name the endpoint's interface got when it was made
 * ({@code eth0}, {@code eth1}, …), which it keeps when other endpoints come and go.
 */
public record EndpointSpec(String network, Optional<Ipv4Address> ip, List<String> aliases, Optional<String> interfaceName) {
    public EndpointSpec {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(ip, "ip");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(interfaceName, "interfaceName");
    }

    /** An endpoint as a spec writes it: the interface is named by its position. */
    public EndpointSpec(String network, Optional<Ipv4Address> ip, List<String> aliases) {
        this(network, ip, aliases, Optional.empty());
    }

    public EndpointSpec withInterfaceName(String name) {
        return new EndpointSpec(network, ip, aliases, Optional.of(name));
    }
}
