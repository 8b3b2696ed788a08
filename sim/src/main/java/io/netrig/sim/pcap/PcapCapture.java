package io.netrig.sim.pcap;

import io.netrig.model.NetrigException;
import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.topology.LinkRef;
import io.netrig.sim.device.Direction;
import io.netrig.sim.device.FrameTap;
import io.netrig.sim.device.NetDevice;
import io.netrig.sim.wire.Dot1q;
import io.netrig.sim.wire.EthernetFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A tap on one interface that keeps frames in memory and writes them as a pcap file when stopped. */
public final class PcapCapture implements Capture, FrameTap {
    private static final Logger LOG = LoggerFactory.getLogger(PcapCapture.class);

    private final NetDevice device;
    private final CaptureFilter filter;
    private final Path file;
    private final PcapWriter writer = new PcapWriter();
    private Optional<Path> written = Optional.empty();

    /** Starts capturing on {@code device} at once; {@link #stop()} writes {@code file}. */
    public PcapCapture(NetDevice device, CaptureFilter filter, Path file) {
        this.device = device;
        this.filter = filter;
        this.file = file;
        device.addTap(this);
    }

    @Override
    public LinkRef where() {
        return device.ref();
    }

    @Override
    public void onFrame(NetDevice from, Direction direction, long timeNanos, byte[] frame) {
        if (keeps(frame)) {
            writer.add(timeNanos, frame);
        }
    }

    private boolean keeps(byte[] frame) {
        Optional<IpProtocol> protocol = filter.protocol();
        if (protocol.isEmpty()) {
            return true;
        }
        // past 802.1Q tags, as tcpdump's "vlan and icmp" would: a protocol filter is about the packet, not the tag
        int type = Dot1q.innerTypeOffset(frame);
        int protocolAt = type + 2 + 9;
        boolean ipv4 = frame.length > protocolAt && ((frame[type] & 0xff) << 8 | (frame[type + 1] & 0xff)) == EthernetFrame.ETHERTYPE_IPV4;
        return ipv4 && (frame[protocolAt] & 0xff) == protocol.get().number();
    }

    @Override
    public synchronized Path stop() {
        if (written.isEmpty()) {
            device.removeTap(this);
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.write(file, writer.bytes());
            } catch (IOException e) {
                throw new NetrigException("cannot write capture of " + device.ref() + " to " + file + ": " + e.getMessage(), e);
            }
            LOG.info("capture of {} written to {}", device.ref(), file);
            written = Optional.of(file);
        }
        return written.get();
    }

    /** Discards the capture without writing it (the lab was closed first). */
    public void abandon() {
        device.removeTap(this);
    }
}
