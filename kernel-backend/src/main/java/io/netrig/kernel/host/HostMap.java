package io.netrig.kernel.host;

import io.netrig.model.NetrigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which machine runs each spec host ({@code lab-vagrant/hosts.yaml}, read by {@link HostMapFile}): the machines in
 * file order, and spec host name → machine name. Several spec hosts may share a machine; a host map may name hosts a
 * given lab does not have (one map serves several labs).
 */
public record HostMap(Path file, List<Machine> machines, Map<String, String> hosts) {
    public HostMap {
        Objects.requireNonNull(file, "file");
        machines = List.copyOf(machines);
        hosts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
        for (Map.Entry<String, String> e : hosts.entrySet()) {
            if (machines.stream().noneMatch(m -> m.name().equals(e.getValue()))) {
                throw new IllegalArgumentException("host '" + e.getKey() + "' is mapped to unknown machine '" + e.getValue() + "'");
            }
        }
    }

    public Optional<Machine> machine(String name) {
        return machines.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The machine a spec host runs on, if the map names the host. */
    public Optional<Machine> machineOf(String specHost) {
        return Optional.ofNullable(hosts.get(specHost)).flatMap(this::machine);
    }

    /** 1-based position of a machine in the file: it makes the machine's lab prefix ({@link #prefixOf}). */
    public int indexOf(Machine machine) {
        return machines.indexOf(machine) + 1;
    }

    /**
     * The lab prefix a machine's part of a lab uses: {@code <prefix>m<N>} ({@code nrm1}), so that two machines on one
     * box (the rehearsal) never make namespaces of the same name, and {@code netrig clean --prefix nr} on this
     * machine never mistakes a remote part for one of its own labs ({@code nr} plus four hex digits never matches).
     */
    public String prefixOf(Machine machine, String labPrefix) {
        String p = labPrefix + "m" + indexOf(machine);
        if (p.length() > 8) {
            throw new NetrigException("lab prefix '" + labPrefix + "' is too long for a host map of " + machines.size()
                    + " machines: machine '" + machine.name() + "' would get prefix '" + p + "' (at most 8 characters; use a shorter --prefix)");
        }
        return p;
    }

    /** The machines that run at least one of {@code specHosts}, in file order. */
    public List<Machine> machinesFor(List<String> specHosts) {
        List<Machine> out = new ArrayList<>();
        for (Machine m : machines) {
            if (specHosts.stream().anyMatch(h -> m.name().equals(hosts.get(h)))) {
                out.add(m);
            }
        }
        return out;
    }
}
