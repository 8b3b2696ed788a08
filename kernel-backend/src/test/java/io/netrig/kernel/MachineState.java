package io.netrig.kernel;

import io.netrig.kernel.exec.Command;
import io.netrig.kernel.exec.CommandExecutor;
import io.netrig.kernel.exec.IpQuery;
import java.util.List;
import java.util.Optional;

/**
 * What a lab must leave as it found it (LAB-SAFETY 4): the machine's namespaces, the links of its own namespace,
 * and its own iptables rules (without the comment lines, which carry the time).
 */
public record MachineState(List<String> namespaces, List<String> rootLinks, List<String> rootIptables) {
    public MachineState {
        namespaces = namespaces.stream().sorted().toList();
        rootLinks = rootLinks.stream().sorted().toList();
        rootIptables = List.copyOf(rootIptables);
    }

    public static MachineState of(CommandExecutor exec) {
        return new MachineState(
                IpQuery.namespaceNames(exec.run(IpQuery.netnsList()).stdout()),
                IpQuery.linkNames(exec.run(IpQuery.links(Optional.empty())).stdout()),
                exec.run(Command.of(List.of("iptables-save"))).stdout().lines().filter(l -> !l.startsWith("#")).toList());
    }
}
