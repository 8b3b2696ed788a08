package io.netrig.kernel;

import static io.netrig.model.topology.LinkRef.end;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.kernel.exec.Command;
import io.netrig.kernel.exec.CommandResult;
import io.netrig.kernel.internal.KernelLab;
import io.netrig.model.backend.Backends;
import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.topology.Topology;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Captures read by tshark: pcap4j on a namespace thread by default, tcpdump when asked. */
class CaptureIT extends KernelTestSupport {
    @TempDir
    Path work;

    private Lab start(Topology t) {
        return Backends.byName("kernel").start(t, LabOptions.defaults().withPrefix("nrcp").withWorkDir(work));
    }

    /** tshark's fields for each packet, tab-separated; fails unless tshark reads the file cleanly. */
    private List<String> tshark(Path pcap, String... fields) {
        List<String> argv = new java.util.ArrayList<>(List.of("tshark", "-r", pcap.toString(), "-T", "fields"));
        for (String f : fields) {
            argv.add("-e");
            argv.add(f);
        }
        CommandResult r = exec.result(Command.of(argv));
        assertEquals(0, r.exitCode(), "tshark could not read " + pcap + ": " + r.stderr());
        return r.stdout().lines().toList();
    }

    private void pingIsCapturedOnTheHostBridge() {
        try (Lab lab = start(DockerTopology.topology())) {
            Capture capture = lab.capture(end("host", "br-1"), CaptureFilter.of(IpProtocol.ICMP));
            assertEquals(Outcome.REACHED, lab.probe(Probe.Ping.of("c1", DockerTopology.GATEWAY)).outcome());
            Path pcap = capture.stop();
            assertEquals(List.of("172.18.0.2\t172.18.0.1\t8", "172.18.0.1\t172.18.0.2\t0"), tshark(pcap, "ip.src", "ip.dst", "icmp.type"),
                    "expected exactly the echo request c1 -> gateway and its reply on br-1");
        }
    }

    @Test
    void pcap4jCapturesTheEchoAndReplyOnTheHostBridge() {
        pingIsCapturedOnTheHostBridge();
    }

    @Test
    void everyPacketOfAProbeIsInTheFileWhenStopReturns() {
        try (Lab lab = start(DockerTopology.topology())) {
            for (int i = 0; i < 10; i++) {
                Capture capture = lab.capture(end("host", "br-1"), CaptureFilter.of(IpProtocol.ICMP));
                assertEquals(Outcome.REACHED, lab.probe(Probe.Ping.of("c1", DockerTopology.GATEWAY)).outcome());
                assertEquals(2, tshark(capture.stop(), "icmp.type").size(), "round " + i + ": the echo request and its reply");
            }
        }
    }

    @Test
    void tcpdumpIsTheFallbackWhenAskedFor() {
        System.setProperty(KernelLab.CAPTURE_PROPERTY, KernelLab.CAPTURE_TCPDUMP);
        try {
            pingIsCapturedOnTheHostBridge();
        } finally {
            System.clearProperty(KernelLab.CAPTURE_PROPERTY);
        }
    }

    @Test
    void aTcpProbesHandshakeIsCapturedInTheSendersNamespace() {
        try (Lab lab = start(ServerTopology.topology())) {
            Capture capture = lab.capture(end("client", "eth0"), CaptureFilter.of(IpProtocol.TCP));
            assertEquals(Outcome.REACHED, lab.probe(Probe.Tcp.of("client", ServerTopology.SERVER, 80)).outcome());
            Path pcap = capture.stop();
            List<String> packets = tshark(pcap, "ip.src", "ip.dst", "tcp.dstport", "tcp.flags.str");
            assertTrue(packets.size() >= 3, "expected SYN, SYN-ACK, ACK and the probe's RST: " + packets);
            assertTrue(packets.getFirst().startsWith("10.0.0.1\t10.0.0.2\t80\t"), "the first packet is the SYN: " + packets);
            assertTrue(packets.get(1).startsWith("10.0.0.2\t10.0.0.1\t"), "then the SYN-ACK: " + packets);
            assertTrue(packets.stream().anyMatch(p -> p.startsWith("10.0.0.1\t10.0.0.2\t80\t") && p.contains("R")),
                    "the probe ends its connection with a RST: " + packets);
        }
    }

    @Test
    void loOfANamespaceCanBeCapturedThoughTheTopologyDoesNotListIt() {
        try (Lab lab = start(ServerTopology.topology())) {
            Capture capture = lab.capture(end("server", "lo"), CaptureFilter.of(IpProtocol.UDP));
            assertEquals(Outcome.REACHED, lab.probe(Probe.Udp.of("server", io.netrig.model.net.Ipv4Address.parse("127.0.0.1"), 53)).outcome());
            List<String> packets = tshark(capture.stop(), "ip.src", "ip.dst", "udp.srcport", "udp.dstport");
            assertEquals(2, packets.size(), "the datagram to the loopback listener and its echo: " + packets);
            assertTrue(packets.getFirst().startsWith("127.0.0.1\t127.0.0.1\t") && packets.getFirst().endsWith("\t53"), packets.toString());
        }
    }
}
