package io.netrig.model.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.NetrigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcapFileTest {
    private static final byte[] FRAME = TestFrames.ethernet("ff:ff:ff:ff:ff:ff", "02:42:ac:14:00:02", 0x0806,
            TestFrames.arp(1, "02:42:ac:14:00:02", "172.20.0.2", "00:00:00:00:00:00", "172.20.0.1"));

    private static byte[] pcap(ByteOrder order, int magic, long seconds, int fraction, byte[]... frames) {
        int size = 24 + java.util.Arrays.stream(frames).mapToInt(f -> 16 + f.length).sum();
        ByteBuffer b = ByteBuffer.allocate(size).order(order);
        b.putInt(magic).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262_144).putInt(1);
        for (byte[] f : frames) {
            b.putInt((int) seconds).putInt(fraction).putInt(f.length).putInt(f.length + 4).put(f);
        }
        return b.array();
    }

    @Test
    void readsLittleEndianMicrosecondFiles() {
        PcapFile file = PcapFile.parse(pcap(ByteOrder.LITTLE_ENDIAN, 0xa1b2c3d4, 1_700_000_000L, 250, FRAME, FRAME), "t.pcap");
        assertEquals(1, file.linkType());
        assertEquals(2, file.records().size());
        assertEquals(Instant.ofEpochSecond(1_700_000_000L, 250_000), file.records().getFirst().time());
        assertEquals(FRAME.length + 4, file.records().getFirst().originalLength());
        assertEquals(Frame.decode(FRAME), file.frames().get(1));
    }

    @Test
    void readsBigEndianNanosecondFiles() {
        PcapFile file = PcapFile.parse(pcap(ByteOrder.BIG_ENDIAN, 0xa1b23c4d, 1_700_000_000L, 250, FRAME), "t.pcap");
        assertTrue(file.nanosecondTimestamps());
        assertEquals(Instant.ofEpochSecond(1_700_000_000L, 250), file.records().getFirst().time());
        assertEquals(Frame.decode(FRAME), file.frames().getFirst());
    }

    @Test
    void readsAnEmptyCapture() {
        assertEquals(List.of(), PcapFile.parse(pcap(ByteOrder.LITTLE_ENDIAN, 0xa1b2c3d4, 0, 0), "empty.pcap").records());
    }

    @Test
    void rejectsOtherFormatsAndCutRecordsSayingWhere() {
        byte[] pcapng = pcap(ByteOrder.LITTLE_ENDIAN, 0x0a0d0d0a, 0, 0);
        assertTrue(assertThrows(NetrigException.class, () -> PcapFile.parse(pcapng, "x.pcapng")).getMessage().contains("pcapng"));
        byte[] whole = pcap(ByteOrder.LITTLE_ENDIAN, 0xa1b2c3d4, 0, 0, FRAME);
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
        String message = assertThrows(NetrigException.class, () -> PcapFile.parse(cut, "cut.pcap")).getMessage();
        assertTrue(message.startsWith("cut.pcap: record 1 claims 42 bytes"), message);
    }

    /**
     * Files written by Wireshark's tools (make-frames.py, then {@code text2pcap -F pcap frames.txt frames-us.pcap} and
     * {@code editcap -F nsecpcap}); what tshark reads in them is asserted here.
     */
    @Test
    void decodesWhatTsharkDecodesInFilesWiresharkWrote() throws IOException {
        for (String name : List.of("tshark-frames-us.pcap", "tshark-frames-ns.pcap")) {
            PcapFile file;
            try (InputStream in = PcapFileTest.class.getResourceAsStream("/pcap/" + name)) {
                file = PcapFile.parse(in.readAllBytes(), name);
            }
            assertEquals(name.contains("-ns"), file.nanosecondTimestamps(), name);
            assertEquals(Instant.ofEpochSecond(1_795_626_908L, 2_000), file.records().get(1).time(), name);
            List<String> lines = file.frames().stream().map(Frame::summary).toList();
            assertEquals(List.of(
                    "02:42:ac:14:00:02 > ff:ff:ff:ff:ff:ff, ARP who-has 172.20.0.1 tell 172.20.0.2",
                    "02:42:ac:14:00:01 > 02:42:ac:14:00:02, ARP 172.20.0.1 is-at 02:42:ac:14:00:01",
                    "02:42:ac:14:00:02 > 02:42:ac:14:00:03, IP 172.20.0.2 > 172.20.0.3: ICMP echo request, id 7, seq 1",
                    "02:42:ac:14:00:03 > 02:42:ac:14:00:02, IP 172.20.0.3 > 172.20.0.2: ICMP echo reply, id 7, seq 1",
                    "02:42:ac:14:00:02 > 02:42:ac:14:00:01, IP 172.20.0.2.40000 > 127.0.0.11.53: UDP, DNS query A api",
                    "02:42:ac:14:00:02 > 02:42:ac:14:00:03, IP 172.20.0.2.40001 > 172.20.0.3.80: Flags [S]",
                    "02:42:c0:a8:0a:02 > ff:ff:ff:ff:ff:ff, vlan 10, ARP who-has 192.168.10.1 tell 192.168.10.2",
                    "0a:00:00:00:00:01 > 0a:00:00:00:00:02, IP 10.0.0.1.50000 > 10.0.0.2.4789: UDP, VXLAN vni 4096: "
                            + "02:42:ac:14:00:02 > 02:42:ac:14:00:03, IP 10.200.0.2 > 10.200.0.3: ICMP echo request, id 9, seq 2"),
                    lines, name);
        }
    }
}
