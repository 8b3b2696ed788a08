package io.netrig.model.backend;

import io.netrig.model.NetrigException;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds backends on the class path by name. */
public final class Backends {
    private Backends() {
    }

    public static List<LabBackend> available() {
        return ServiceLoader.load(LabBackend.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    public static LabBackend byName(String name) {
        List<LabBackend> all = available();
        return all.stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow(() -> new NetrigException(
                "no backend named '" + name + "' (available: "
                        + all.stream().map(LabBackend::name).sorted().collect(Collectors.joining(", ")) + ")"));
    }
}
