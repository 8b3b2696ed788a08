package io.netrig.model.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A lab as the user describes it, Docker-level: segments, hosts, networks, containers, expectations, and where
 * in the source each part was written. Maps keep the order of the source (it decides IPAM order and rule
 * order, as creation order does on a real Docker host).
 */
public record LabSpec(String name, DockerSettings docker, Map<String, SegmentSpec> segments, Map<String, HostSpec> hosts,
                      Map<String, NetworkSpec> networks, Map<String, ContainerSpec> containers, List<ExpectSpec> expect,
                      SourceMap sources) {
    /** The Docker host that labs without a {@code hosts:} section get. */
    public static final String IMPLICIT_HOST = "host";

    public LabSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(docker, "docker");
        segments = ordered(segments);
        hosts = ordered(hosts);
        networks = ordered(networks);
        containers = ordered(containers);
        expect = List.copyOf(expect);
        Objects.requireNonNull(sources, "sources");
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
