package io.netrig.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import static io.netrig.sim.Labs.ref;

import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.Probe;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.MacAddress;
import io.netrig.sim.pcap.PcapWriter;
import io.netrig.sim.wire.EthernetFrame;
import io.netrig.sim.wire.IcmpMessage;
import io.netrig.sim.wire.Ipv4Packet;
import io.netrig.sim.wire.TcpSegment;
import io.netrig.sim.wire.UdpDatagram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's dissectors as an independent check of the encodings: TCP, UDP and ICMP errors quoting them must decode
 * with every checksum verified good, also after NAT rewrote them. Skipped when tshark is not installed.
 */
class TsharkDecodeTest extends SimLabTestSupport {
    private static final MacAddress A = MacAddress.parse("02:00:00:00:00:01");
    private static final MacAddress B = MacAddress.parse("02:00:00:00:00:02");
    private static final Ipv4Address CLIENT = Ipv4Address.parse("192.168.1.2");
    private static final Ipv4Address SERVER = Ipv4Address.parse("203.0.113.2");

    @TempDir
    Path dir;

    private static Path tshark() {
        for (String d : (System.getenv("PATH") == null ? "" : System.getenv("PATH")).split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, "tshark");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return Path.of("");
    }

    private static byte[] frame(MacAddress dst, MacAddress src, Ipv4Packet ip) {
        return new EthernetFrame(dst, src, ip).encode();
    }

    @Test
    void tcpUdpAndIcmpDecodeWithGoodChecksums() throws IOException, InterruptedException {
        Path tshark = tshark();
        assumeTrue(!tshark.toString().isEmpty(), "tshark is not installed");
        PcapWriter w = new PcapWriter();
        TcpSegment syn = new TcpSegment(32768, 80, 0x01020304, 0, TcpSegment.SYN, 64240, TcpSegment.synOptions(1460), new byte[0]);
        TcpSegment synAck = new TcpSegment(80, 32768, 0x0a0b0c0d, 0x01020305, TcpSegment.SYN | TcpSegment.ACK, 65160,
                TcpSegment.synOptions(1460), new byte[0]);
        TcpSegment ack = TcpSegment.of(32768, 80, 0x01020305, 0x0a0b0c0e, TcpSegment.ACK, 502);
        w.add(0, frame(B, A, new Ipv4Packet(CLIENT, SERVER, 64, 1, true, syn)));
        w.add(10_000, frame(A, B, new Ipv4Packet(SERVER, CLIENT, 64, 0, true, synAck)));
        w.add(20_000, frame(B, A, new Ipv4Packet(CLIENT, SERVER, 64, 2, true, ack)));
        Ipv4Packet datagram = new Ipv4Packet(CLIENT, SERVER, 64, 3, true,
                new UdpDatagram(32768, 53, "netrig\n".getBytes(StandardCharsets.US_ASCII)));
        w.add(30_000, frame(B, A, datagram));
        w.add(40_000, frame(A, B, new Ipv4Packet(SERVER, CLIENT, 64, 4, false,
                IcmpMessage.error(IcmpMessage.DEST_UNREACHABLE, IcmpMessage.CODE_PORT_UNREACHABLE, datagram))));
        Path file = dir.resolve("transport.pcap");
        Files.write(file, w.bytes());

        List<String> lines = decode(tshark, file);
        assertEquals(5, lines.size(), () -> "one line per frame: " + lines);
        assertTrue(lines.get(0).startsWith("eth:ethertype:ip:tcp;"), lines.get(0));
        assertTrue(lines.get(0).contains("S"), () -> "SYN flag: " + lines.get(0));
        assertTrue(lines.get(3).startsWith("eth:ethertype:ip:udp"), lines.get(3));
        assertTrue(lines.get(4).startsWith("eth:ethertype:ip:icmp:ip:udp"), () -> "the error quotes the datagram: " + lines.get(4));
        assertTrue(lines.get(0).split(";", -1)[3].equals("1"), () -> "TCP checksum with pseudo-header: " + lines.get(0));
        assertTrue(lines.get(3).split(";", -1)[4].equals("1"), () -> "UDP checksum with pseudo-header: " + lines.get(3));
    }

    @Test
    void capturesOfNattedTrafficDecodeWithGoodChecksums() throws IOException, InterruptedException {
        Path tshark = tshark();
        assumeTrue(!tshark.toString().isEmpty(), "tshark is not installed");
        Path lanFile = dir.resolve("lan.pcap");
        Path webFile = dir.resolve("web.pcap");
        try (Lab lab = start(Labs.published(true))) {
            Capture lan = lab.capture(ref("lan", "eth0"), CaptureFilter.ALL);
            Capture web = lab.capture(ref("web", "eth0"), CaptureFilter.ALL);
            Ipv4Address host = Ipv4Address.parse("10.0.0.1");
            lab.probe(Probe.Tcp.of("lan", host, 8080));
            lab.probe(Probe.Udp.of("lan", host, 8053));
            lab.probe(Probe.Udp.of("lan", host, 8054));
            lab.probe(Probe.Tcp.of("lan", host, 8081));
            Files.write(lanFile, Files.readAllBytes(lan.stop()));
            Files.write(webFile, Files.readAllBytes(web.stop()));
        }
        List<String> lan = decode(tshark, lanFile);
        assertEquals(8, lan.stream().filter(l -> l.startsWith("eth:ethertype:ip:tcp;")).count(),
                () -> "six segments for the connection, SYN and RST for the closed port: " + lan);
        assertTrue(lan.stream().anyMatch(l -> l.startsWith("eth:ethertype:ip:icmp:ip:udp")), () -> "the de-NATed port unreachable: " + lan);
        assertTrue(decode(tshark, webFile).stream().anyMatch(l -> l.startsWith("eth:ethertype:ip:udp")), "DNATed datagrams");
    }

    /** One line per frame: protocols; TCP flags; IP, TCP, UDP, ICMP checksum status. Fails on any bad checksum. */
    private static List<String> decode(Path tshark, Path file) throws IOException, InterruptedException {
        List<String> lines = run(tshark.toString(), "-r", file.toString(), "-n",
                "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
                "-T", "fields", "-E", "separator=;",
                "-e", "frame.protocols", "-e", "tcp.flags.str", "-e", "ip.checksum.status", "-e", "tcp.checksum.status",
                "-e", "udp.checksum.status", "-e", "icmp.checksum.status");
        for (String line : lines) {
            String[] f = line.split(";", -1);
            for (int i = 2; i < f.length; i++) {
                for (String status : f[i].split(",")) {
                    // Wireshark's checksum status: 0 bad, 1 good, 2 unverified
                    assertFalse(status.equals("0"), () -> file.getFileName() + ": bad checksum in: " + line);
                }
            }
            if (line.contains(":ip")) {
                assertTrue(f[2].contains("1"), () -> "IP header checksum verified: " + line);
            }
        }
        return lines;
    }

    private static List<String> run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark finished");
        assertEquals(0, p.exitValue(), () -> Arrays.toString(argv) + " failed");
        List<String> lines = new ArrayList<>();
        for (String l : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (!l.isBlank()) {
                lines.add(l.strip());
            }
        }
        return lines;
    }
}
