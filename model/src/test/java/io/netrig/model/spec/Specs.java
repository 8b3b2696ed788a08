package io.netrig.model.spec;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Prefix;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Builds small specs in tests without YAML. */
public final class Specs {
    private final String name;
    private final Map<String, SegmentSpec> segments = new LinkedHashMap<>();
    private final Map<String, HostSpec> hosts = new LinkedHashMap<>();
    private final Map<String, NetworkSpec> networks = new LinkedHashMap<>();
    private final Map<String, ContainerSpec> containers = new LinkedHashMap<>();
    private final List<ExpectSpec> expect = new java.util.ArrayList<>();

    private Specs(String name) {
        this.name = name;
    }

    public static Specs lab(String name) {
        return new Specs(name);
    }

    public Specs host(HostSpec host) {
        hosts.put(host.name(), host);
        return this;
    }

    public Specs segment(String seg) {
        segments.put(seg, new SegmentSpec(seg));
        return this;
    }

    public Specs network(NetworkSpec n) {
        networks.put(n.name(), n);
        return this;
    }

    public Specs bridge(String net, String subnet) {
        return network(withSubnet(NetworkSpec.bridge(net), subnet));
    }

    public static NetworkSpec withSubnet(NetworkSpec n, String subnet) {
        return new NetworkSpec(n.name(), n.driver(), n.host(), Optional.of(Ipv4Prefix.parse(subnet)), n.gateway(), n.ipRange(),
                n.auxAddresses(), n.internal(), n.bridgeName(), n.enableIcc(), n.enableIpMasquerade(), n.mtu(), n.parent(), n.macvlanMode(), n.hostBindingIpv4());
    }

    public static NetworkSpec internal(NetworkSpec n) {
        return new NetworkSpec(n.name(), n.driver(), n.host(), n.subnet(), n.gateway(), n.ipRange(),
                n.auxAddresses(), true, n.bridgeName(), n.enableIcc(), n.enableIpMasquerade(), n.mtu(), n.parent(), n.macvlanMode(), n.hostBindingIpv4());
    }

    public static NetworkSpec iccOff(NetworkSpec n) {
        return new NetworkSpec(n.name(), n.driver(), n.host(), n.subnet(), n.gateway(), n.ipRange(),
                n.auxAddresses(), n.internal(), n.bridgeName(), false, n.enableIpMasquerade(), n.mtu(), n.parent(), n.macvlanMode(), n.hostBindingIpv4());
    }

    public static NetworkSpec onHost(NetworkSpec n, String host) {
        return n.withHost(host);
    }

    public static NetworkSpec withMtu(NetworkSpec n, int mtu) {
        return new NetworkSpec(n.name(), n.driver(), n.host(), n.subnet(), n.gateway(), n.ipRange(),
                n.auxAddresses(), n.internal(), n.bridgeName(), n.enableIcc(), n.enableIpMasquerade(), OptionalInt.of(mtu), n.parent(), n.macvlanMode(), n.hostBindingIpv4());
    }

    public Specs container(String c, String... nets) {
        List<EndpointSpec> eps = java.util.Arrays.stream(nets).map(n -> new EndpointSpec(n, Optional.empty(), List.of())).toList();
        containers.put(c, new ContainerSpec(c, "", eps));
        return this;
    }

    public Specs containerWithIp(String c, String net, String ip) {
        containers.put(c, new ContainerSpec(c, "", List.of(new EndpointSpec(net, Optional.of(Ipv4Address.parse(ip)), List.of()))));
        return this;
    }

    public Specs ping(String from, String to, ExpectedResult result) {
        expect.add(new ExpectSpec(new ProbeSpec.PingSpec(from, to, 1), result, SpecPath.of("expect", Integer.toString(expect.size()))));
        return this;
    }

    public LabSpec build() {
        return new LabSpec(name, DockerSettings.DEFAULT, segments, hosts, networks, containers, expect, SourceMap.empty(name + ".yaml"));
    }
}
