package io.netrig.model.spec.yaml;

import io.netrig.model.spec.ExpectSpec;
import io.netrig.model.spec.ExpectedResult;
import io.netrig.model.spec.ProbeSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@code expect:} items: exactly one probe ({@code ping: {...}}) and the {@code result} it should have. */
final class ExpectSection {
    /**
     * The probe kinds a spec can write today; any other key of an item that is not a typo of these (or of
     * {@code result}) is refused as an unsupported probe kind.
     */
    static final List<String> PROBES = List.of("ping", "tcp", "udp", "lookup");

    private ExpectSection() {
    }

    static Optional<ExpectSpec> read(Field item) {
        String subject = item.lead();
        return item.mapping(subject).flatMap(e -> {
            Optional<ProbeSpec> probe = Optional.empty();
            String written = null;
            for (String kind : PROBES) {
                Optional<Field> f = e.field(kind);
                if (f.isEmpty()) {
                    continue;
                }
                if (written != null) {
                    item.problemAt(f.get().keyAt(), subject + ": has more than one probe ('" + kind + "' after '" + written
                            + "'; expected exactly one of: " + String.join(", ", PROBES) + ")");
                    continue;
                }
                written = kind;
                probe = switch (kind) {
                    case "ping" -> readPing(f.get(), subject);
                    case "lookup" -> readLookup(f.get(), subject);
                    default -> readTransport(f.get(), subject, kind);
                };
            }
            List<String> results = Arrays.stream(ExpectedResult.values()).map(ExpectedResult::specName).toList();
            Optional<ExpectedResult> result = e.required("result", "one of: " + String.join(", ", results))
                    .flatMap(f -> f.choice("a known result", ExpectedResult::tryParse, results));
            boolean probeWritten = written != null;
            for (String key : e.unreadKeys()) {
                // A key that looks like a typo of a known one is left to finish(); anything else is taken as a
                // probe kind this version does not support.
                List<String> known = new java.util.ArrayList<>(PROBES);
                known.add("result");
                boolean typo = Suggestions.closest(key, known).isPresent();
                if (!typo) {
                    e.consume(key);
                    if (probeWritten) {
                        item.problemAt(e.keyAt(key), subject + ": has more than one probe ('" + key
                                + "' after another; expected exactly one of: " + String.join(", ", PROBES) + ")");
                    } else {
                        item.problemAt(e.keyAt(key), subject + ": probe '" + key + "' is not supported (supported: "
                                + String.join(", ", PROBES) + ")");
                    }
                    probeWritten = true;
                }
            }
            if (!probeWritten && e.unreadKeys().isEmpty()) {
                item.problemAtKey(subject + ": has no probe (expected one of: " + String.join(", ", PROBES) + ")");
            }
            e.finish();
            return probe.flatMap(p -> result.map(r -> new ExpectSpec(p, r, item.path())));
        });
    }

    private static Optional<ProbeSpec> readTransport(Field field, String itemSubject, String kind) {
        String subject = itemSubject + " " + kind;
        return field.mapping(subject).flatMap(p -> {
            Optional<String> from = p.required("from", "the name of a host or container")
                    .flatMap(f -> f.text("the name of a host or container"));
            Optional<String> to = p.required("to", "the name of a host or container, or an IPv4 address")
                    .flatMap(f -> f.text("the name of a host or container, or an IPv4 address"));
            java.util.OptionalInt port = p.required("port", "a port number 1-65535").map(f -> f.integer(1, 65535, false))
                    .orElse(java.util.OptionalInt.empty());
            p.finish();
            if (from.isEmpty() || to.isEmpty() || port.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(kind.equals("tcp") ? new ProbeSpec.TcpSpec(from.get(), to.get(), port.getAsInt())
                    : new ProbeSpec.UdpSpec(from.get(), to.get(), port.getAsInt()));
        });
    }

    private static Optional<ProbeSpec> readLookup(Field field, String itemSubject) {
        String subject = itemSubject + " lookup";
        return field.mapping(subject).flatMap(p -> {
            Optional<String> from = p.required("from", "the name of a host or container")
                    .flatMap(f -> f.text("the name of a host or container"));
            Optional<String> name = p.required("name", "the DNS name to look up").flatMap(f -> f.text("a DNS name"));
            p.finish();
            return from.flatMap(f -> name.map(n -> new ProbeSpec.LookupSpec(f, n)));
        });
    }

    private static Optional<ProbeSpec> readPing(Field field, String itemSubject) {
        String subject = itemSubject + " ping";
        return field.mapping(subject).flatMap(p -> {
            Optional<String> from = p.required("from", "the name of a host or container")
                    .flatMap(f -> f.text("the name of a host or container"));
            Optional<String> to = p.required("to", "the name of a host or container, or an IPv4 address")
                    .flatMap(f -> f.text("the name of a host or container, or an IPv4 address"));
            int count = p.field("count").map(f -> f.integer(1, 100, false)).orElse(java.util.OptionalInt.empty()).orElse(1);
            p.finish();
            return from.flatMap(f -> to.map(t -> new ProbeSpec.PingSpec(f, t, count)));
        });
    }
}
