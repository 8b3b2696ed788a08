package io.netrig.kernel.host;

import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Probe;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Topology;
import java.nio.file.Path;
import java.util.Map;

/**
 * One machine's running part of a lab, as {@link MultiHostLab} drives it: here ({@link LocalHost}) or through an agent
 * over SSH ({@link SshHost}).
 */
public sealed interface MachineLab extends AutoCloseable permits LocalHost.Running, SshHost.Running {
    /** The machine's name in the host map ("local" here). */
    String machine();

    /** The lab id the part runs under on its machine ({@code nrm1a3f0}). */
    String labId();

    /** A probe from one of the part's namespaces, judged without counters ({@link Attribution} names the rule). */
    Observation probeUnattributed(Probe probe);

    /** {@code iptables-save -c} of every namespace of the part that has rules, by topology namespace. */
    Map<String, String> counterTexts();

    /** Starts a capture on an interface of the part; returns its id for {@link #stopCapture}. */
    int startCapture(LinkRef where, CaptureFilter filter);

    /** Stops a capture and puts its pcap file at {@code local} (copied back from a remote machine). */
    Path stopCapture(int capture, Path local);

    void update(Topology nextPart);

    @Override
    void close();
}
