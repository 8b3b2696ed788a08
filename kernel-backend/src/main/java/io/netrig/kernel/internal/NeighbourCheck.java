package io.netrig.kernel.internal;

import io.netrig.kernel.exec.CommandExecutor;
import io.netrig.kernel.exec.CommandResult;
import io.netrig.kernel.exec.IpQuery;
import io.netrig.model.net.Ipv4Address;
import java.util.List;
import java.util.Optional;

/**
 * Whether a "host unreachable" a sender got is its own ARP failing rather than an ICMP message from the network. When
 * no one answers ARP for the next hop, Linux drops the queued packets about 3 s after the first request and reports
 * EHOSTUNREACH to their sockets (ping prints "Destination Host Unreachable"); a probe that starts while an earlier
 * probe's request is still pending gets that error within its own timeout, one that starts later does not. Judging
 * such an error as silence keeps the outcome for a missing host independent of what ran before: it is nothing came
 * back (TIMEOUT), not an answer from the network (UNREACHABLE).
 */
final class NeighbourCheck {
    private static final List<String> UNRESOLVED = List.of("FAILED", "INCOMPLETE");

    private final CommandExecutor exec;

    NeighbourCheck(CommandExecutor exec) {
        this.exec = exec;
    }

    /** True when the sender's next hop toward {@code dst} has no link-layer address: ARP failed or is still trying. */
    boolean nextHopUnresolved(String kernelNs, Ipv4Address dst) {
        CommandResult route = exec.result(IpQuery.routeGet(kernelNs, dst));
        if (!route.succeeded()) {
            return false;
        }
        Optional<IpQuery.NextHop> hop = IpQuery.nextHop(route.stdout());
        if (hop.isEmpty()) {
            return false;
        }
        CommandResult neighbour = exec.run(IpQuery.neighbour(kernelNs, hop.get().address(), hop.get().dev()));
        return IpQuery.neighbourStates(neighbour.stdout()).stream().anyMatch(UNRESOLVED::contains);
    }
}
