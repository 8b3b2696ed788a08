package io.netrig.model.backend;

import io.netrig.model.NetrigException;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds backends on the class path by name. They are loaded once per JVM, so what a backend learns about the machine
 * (the kernel backend's capability probe) is learnt once, not at every lab start.
 */
public final class Backends {
    private Backends() {
    }

    private static final class Loaded {
        static final List<LabBackend> ALL = ServiceLoader.load(LabBackend.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    public static List<LabBackend> available() {
        return Loaded.ALL;
    }

    public static LabBackend byName(String name) {
        List<LabBackend> all = available();
        return all.stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow(() -> new NetrigException(
                "no backend named '" + name + "' (available: "
                        + all.stream().map(LabBackend::name).sorted().collect(Collectors.joining(", ")) + ")"));
    }
}
