package io.netrig.model.spec.yaml;

import io.netrig.model.Problem;
import io.netrig.model.SourceLocation;
import io.netrig.model.SpecException;
import io.netrig.model.spec.ContainerSpec;
import io.netrig.model.spec.DaemonOptions;
import io.netrig.model.spec.DockerSettings;
import io.netrig.model.spec.ExpectSpec;
import io.netrig.model.spec.HostCommand;
import io.netrig.model.spec.HostSpec;
import io.netrig.model.spec.LabSpec;
import io.netrig.model.spec.NetworkSpec;
import io.netrig.model.spec.SegmentSpec;
import io.netrig.model.spec.ServiceSpec;
import io.netrig.model.spec.SpecPath;
import io.netrig.model.spec.SpecValidator;
import io.netrig.model.spec.ValidatedLab;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a lab spec written in YAML (the format of {@code docs/spec.md}) into a {@link LabSpec} whose
 * {@link io.netrig.model.spec.SourceMap} knows the line:column of every value read. Checks syntax and the type
 * of each value; references between parts (unknown host, IP outside its subnet, ...) are the validator's.
 * Any problem ends in one {@link SpecException} listing every problem found, in file order.
 */
public final class YamlSpecLoader {
    private static final List<String> TOP_KEYS = List.of("name", "docker", "segments", "hosts", "networks", "containers", "services", "expect", "commands");

    private YamlSpecLoader() {
    }

    /**
     * Reads a spec file and validates it as a whole, reporting syntax, value and cross-reference problems together
     * (values that could not be read are left out of the validation, so one mistake gives one message).
     */
    public static ValidatedLab loadValidated(Path file) {
        return validated(readFile(file));
    }

    /** Like {@link #loadValidated(Path)}, for spec text. */
    public static ValidatedLab parseValidated(String sourceName, String text) {
        return validated(read(sourceName, text));
    }

    private static ValidatedLab validated(Reading reading) {
        return reading.spec().map(spec -> SpecValidator.validate(spec, reading.problems()))
                .orElseThrow(() -> new SpecException(reading.problems()));
    }

    /** What reading found: the spec as far as it could be read (absent when not even its shape was), and every problem. */
    public record Reading(Optional<LabSpec> spec, List<Problem> problems) {
        public Reading {
            problems = List.copyOf(problems);
        }
    }

    /** Reads a spec file (through its own file system, so any {@link java.nio.file.FileSystem} works). */
    public static LabSpec load(Path file) {
        return orThrow(readFile(file));
    }

    /** Reads spec text; see {@link #parse(String, String)}. */
    public static LabSpec parse(String sourceName, String text) {
        return orThrow(read(sourceName, text));
    }

    private static LabSpec orThrow(Reading reading) {
        if (!reading.problems().isEmpty()) {
            throw new SpecException(reading.problems());
        }
        return reading.spec().orElseThrow();
    }

    /** Reads a spec file without throwing for problems in it. */
    public static Reading readFile(Path file) {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw SpecException.of(SourceLocation.file(source), "the spec file does not exist");
        } catch (CharacterCodingException e) {
            throw SpecException.of(SourceLocation.file(source), "the spec file is not UTF-8 text");
        } catch (IOException e) {
            throw SpecException.of(SourceLocation.file(source), "the spec file cannot be read: " + e);
        }
        return read(source, text);
    }

    /**
     * Reads spec text; {@code sourceName} names it in messages and gives the lab its default name (the last part
     * of the name without {@code .yaml}/{@code .yml}).
     */
    public static Reading read(String sourceName, String text) {
        ReadContext ctx = new ReadContext(sourceName, text);
        Optional<Node> root;
        try {
            root = compose(sourceName, text);
        } catch (SpecException syntax) {
            return new Reading(Optional.empty(), syntax.problems());
        }
        LabSpec spec = root.filter(MappingNode.class::isInstance)
                .map(r -> readLab(ctx, MappingReader.of(ctx, (MappingNode) r, SpecPath.ROOT, "", ctx.at(r))))
                .orElse(null);
        if (spec == null) {
            String got = root.map(r -> switch (r.getNodeType()) {
                case SEQUENCE -> "a list";
                case SCALAR -> "a single value";
                default -> "not a mapping";
            }).orElse("empty");
            ctx.problem(root.map(ctx::at).orElse(SourceLocation.file(sourceName)),
                    "the spec is " + got + " (expected a mapping with keys such as " + String.join(", ", TOP_KEYS) + ")");
        }
        return new Reading(Optional.ofNullable(spec), ctx.problemsInFileOrder());
    }

    private static Optional<Node> compose(String sourceName, String text) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(sourceName)
                .setAllowDuplicateKeys(true) // reported by MappingReader, with both places, among the other problems
                .setSchema(new CoreSchema())
                .build();
        try {
            return new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            ReadContext ctx = new ReadContext(sourceName);
            SourceLocation where = e.getProblemMark().or(e::getContextMark).map(ctx::at).orElse(SourceLocation.file(sourceName));
            String context = e.getContext() == null ? "" : " (" + e.getContext() + e.getContextMark()
                    .filter(m -> e.getProblemMark().isPresent())
                    .map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)).orElse("") + ")";
            throw SpecException.of(where, "YAML syntax error: " + e.getProblem() + context);
        } catch (YamlEngineException e) {
            throw SpecException.of(SourceLocation.file(sourceName), "YAML syntax error: " + e.getMessage());
        }
    }

    private static LabSpec readLab(ReadContext ctx, MappingReader top) {
        String name = top.field("name").flatMap(f -> f.text("a lab name")).orElse(defaultName(ctx.source()));
        DockerSettings docker = top.field("docker").flatMap(YamlSpecLoader::readDocker).orElse(DockerSettings.DEFAULT);

        Map<String, SegmentSpec> segments = new LinkedHashMap<>();
        top.field("segments").flatMap(f -> f.mapping("segments")).ifPresent(m -> {
            for (Field s : m.namedEntries("segment", true)) {
                s.mapping("segment '" + s.name() + "'").ifPresent(MappingReader::finish);
                segments.put(s.name(), new SegmentSpec(s.name()));
            }
            m.finish();
        });

        Map<String, HostSpec> hosts = new LinkedHashMap<>();
        Optional<MappingReader> hostsSection = top.field("hosts").flatMap(f -> f.mapping("hosts"));
        hostsSection.ifPresent(m -> {
            for (Field h : m.namedEntries("host", true)) {
                HostSection.read(h).ifPresent(spec -> hosts.put(spec.name(), spec));
            }
            m.finish();
        });
        // No hosts written (absent, empty or {}): a lab on one local Docker host, as on a developer's machine.
        if (hostsSection.map(MappingReader::isEmpty).orElse(!top.has("hosts"))) {
            hosts.put(LabSpec.IMPLICIT_HOST, new HostSpec(LabSpec.IMPLICIT_HOST, true, Map.of(), true, List.of(),
                    DaemonOptions.DEFAULTS));
        }
        List<String> dockerHosts = hosts.values().stream().filter(HostSpec::docker).map(HostSpec::name).toList();
        String defaultHost = dockerHosts.size() == 1 ? dockerHosts.getFirst() : "";

        Map<String, NetworkSpec> networks = new LinkedHashMap<>();
        top.field("networks").flatMap(f -> f.mapping("networks")).ifPresent(m -> {
            for (Field n : m.namedEntries("network", true)) {
                NetworkSection.read(n).ifPresent(spec -> networks.put(spec.name(), spec));
            }
            m.finish();
        });

        Map<String, ContainerSpec> containers = new LinkedHashMap<>();
        top.field("containers").flatMap(f -> f.mapping("containers")).ifPresent(m -> {
            for (Field c : m.namedEntries("container", true)) {
                ContainerSection.read(c, defaultHost).ifPresent(spec -> containers.put(spec.name(), spec));
            }
            m.finish();
        });

        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        top.field("services").flatMap(f -> f.mapping("services")).ifPresent(m -> {
            for (Field sv : m.namedEntries("service", true)) {
                ServiceSection.read(sv).ifPresent(spec -> services.put(spec.name(), spec));
            }
            m.finish();
        });

        List<ExpectSpec> expect = new ArrayList<>();
        top.field("expect").flatMap(f -> f.list("expect item")).ifPresent(items -> {
            for (Field item : items) {
                ExpectSection.read(item).ifPresent(expect::add);
            }
        });
        Map<String, List<HostCommand>> commands = new LinkedHashMap<>();
        top.field("commands").flatMap(f -> f.mapping("commands")).ifPresent(m -> {
            for (Field h : m.namedEntries("host", false)) {
                commands.put(h.name(), CommandSection.read(h));
            }
            m.finish();
        });
        top.finish();
        return new LabSpec(name, docker, segments, hosts, networks, containers, expect, ctx.sourceMap(), commands, services);
    }

    private static Optional<DockerSettings> readDocker(Field field) {
        return field.mapping("docker").flatMap(d -> {
            // 20.10 written as a number is read as written, not as the float 20.1.
            Optional<DockerSettings> settings = d.field("generation").flatMap(f -> f.text("a Docker generation")
                    .filter(g -> {
                        if (!DockerSettings.SUPPORTED.contains(g.trim())) {
                            f.problem("docker: generation '" + g + "' is not supported (supported: "
                                    + String.join(", ", new TreeSet<>(DockerSettings.SUPPORTED)) + ")");
                            return false;
                        }
                        return true;
                    }).map(g -> new DockerSettings(g.trim())));
            d.finish();
            return settings;
        });
    }

    /** The file name without its directory and a .yaml/.yml extension. */
    static String defaultName(String sourceName) {
        String base = sourceName.substring(Math.max(sourceName.lastIndexOf('/'), sourceName.lastIndexOf('\\')) + 1);
        String name = base.replaceFirst("\\.(yaml|yml)$", "");
        return name.isBlank() ? "lab" : name;
    }
}
