package io.netrig.kernel.host;

import io.netrig.model.topology.Topology;
import java.util.List;
import java.util.Objects;

/**
 * The part of a lab one machine runs: the namespaces of the spec hosts mapped to it (each host's own, its containers',
 * its overlay and bridge namespaces) with everything in them. A host interface that was a port of an underlay segment
 * is, here, a macvlan (bridge mode) child of the machine's NIC for that segment, whose parent is named by the
 * namespace {@link TopologySplit#MACHINE_NAMESPACE}: the machine's own namespace, where the NIC is, and where nothing
 * else is ever made. The topology is built without {@link Topology.Builder}'s checks, since that namespace is not one
 * of the lab's.
 *
 * @param hosts the spec hosts this machine runs, in topology order
 */
public record MachinePart(Machine machine, List<String> hosts, Topology topology) {
    public MachinePart {
        Objects.requireNonNull(machine, "machine");
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(topology, "topology");
    }
}
