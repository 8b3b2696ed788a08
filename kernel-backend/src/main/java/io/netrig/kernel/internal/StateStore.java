package io.netrig.kernel.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrig.model.NetrigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small per-lab state files that let {@code netrig clean} tell a live lab from a killed run's leftovers.
 * Written before the first namespace is made, removed after the last one is gone.
 */
public final class StateStore {
    public static final Path DEFAULT_DIR = Path.of("/run/netrig");
    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public StateStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path fileOf(String labId) {
        return dir.resolve(labId + ".json");
    }

    public void write(LabState state) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(state.labId() + ".json.tmp");
            JSON.writeValue(tmp.toFile(), state);
            // rename so that a cleaner never reads a half-written file
            Files.move(tmp, fileOf(state.labId()), java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new NetrigException("could not write lab state file " + fileOf(state.labId()) + ": " + e.getMessage(), e);
        }
    }

    public Optional<LabState> read(String labId) {
        Path file = fileOf(labId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), LabState.class));
        } catch (IOException e) {
            // an unreadable file cannot prove its lab is alive; the cleaner then treats the lab as a leftover
            LOG.warn("ignoring unreadable lab state file {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Lab ids of every state file here. */
    public List<String> labIds() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> out = new ArrayList<>();
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .forEach(n -> out.add(n.substring(0, n.length() - ".json".length())));
            return List.copyOf(out);
        } catch (IOException e) {
            throw new NetrigException("could not list lab state folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Removes a lab's state file; returns whether there was one. */
    public boolean delete(String labId) {
        try {
            return Files.deleteIfExists(fileOf(labId));
        } catch (IOException e) {
            throw new NetrigException("could not remove lab state file " + fileOf(labId) + ": " + e.getMessage(), e);
        }
    }
}
