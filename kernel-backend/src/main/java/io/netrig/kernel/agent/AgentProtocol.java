package io.netrig.kernel.agent;

import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Probe;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the controller and a machine's agent say to each other, one {@link Wire} line per message: the controller
 * writes {@link Call}s to the agent's standard input, the agent answers each with a {@link Reply} of the same id on its
 * standard output (in any order: probes run side by side). Its standard error is its log.
 */
public final class AgentProtocol {
    private AgentProtocol() {
    }

    public record Call(long id, Request request) {
        public Call {
            Objects.requireNonNull(request, "request");
        }
    }

    /** Exactly one of result and error. */
    public record Reply(long id, Optional<Result> result, Optional<String> error) {
        public Reply {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(error, "error");
            if (result.isPresent() == error.isPresent()) {
                throw new IllegalArgumentException("a reply carries a result or an error");
            }
        }

        public static Reply ok(long id, Result result) {
            return new Reply(id, Optional.of(result), Optional.empty());
        }

        public static Reply failed(long id, String error) {
            return new Reply(id, Optional.empty(), Optional.of(error));
        }
    }

    public sealed interface Request permits Start, RunProbe, ReadCounters, StartCapture, StopCapture, Update, Close, Clean {
    }

    /** Build this machine's part of a lab with lab prefix {@code prefix}; captures go to {@code workDir} there. */
    public record Start(Topology part, String prefix, String workDir) implements Request {
    }

    /** One probe from a namespace of this part, judged without rule counters (the controller reads those). */
    public record RunProbe(Probe probe) implements Request {
    }

    /** {@code iptables-save -c} of every namespace of this part that has rules. */
    public record ReadCounters() implements Request {
    }

    public record StartCapture(LinkRef where, CaptureFilter filter) implements Request {
    }

    public record StopCapture(int capture) implements Request {
    }

    /** Make the running part match {@code next} ({@code Lab.update}). */
    public record Update(Topology next) implements Request {
    }

    /** Remove everything of the part; the agent then waits for the end of its input. */
    public record Close() implements Request {
    }

    /** {@code netrig clean} on this machine: leftovers of dead labs with this prefix. */
    public record Clean(String prefix) implements Request {
    }

    public sealed interface Result permits Started, Probed, Counters, CaptureStarted, CaptureStopped, Done, Cleaned {
    }

    public record Started(String labId, List<String> namespaces, long millis) implements Result {
        public Started {
            namespaces = List.copyOf(namespaces);
        }
    }

    public record Probed(Observation observation) implements Result {
    }

    public record Counters(Map<String, String> saveText) implements Result {
        public Counters {
            saveText = Map.copyOf(saveText);
        }
    }

    public record CaptureStarted(int capture) implements Result {
    }

    /** The pcap file on the machine, to be copied back. */
    public record CaptureStopped(String file) implements Result {
    }

    public record Done() implements Result {
    }

    public record Cleaned(List<String> removed) implements Result {
        public Cleaned {
            removed = List.copyOf(removed);
        }
    }
}
