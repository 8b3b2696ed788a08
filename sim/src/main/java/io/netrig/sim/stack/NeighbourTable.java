package io.netrig.sim.stack;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.MacAddress;
import io.netrig.sim.core.ScheduledEvent;
import io.netrig.sim.core.Simulator;
import io.netrig.sim.core.Trace;
import io.netrig.sim.device.Frame;
import io.netrig.sim.device.NetDevice;
import io.netrig.sim.wire.ArpPacket;
import io.netrig.sim.wire.EthernetFrame;
import io.netrig.sim.wire.Ipv4Packet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ARP and the neighbour cache of one namespace, with Linux's defaults: packets wait while the address is
 * resolved, the request is broadcast up to mcast_solicit = 3 times retrans_time = 1 s apart, and then every
 * waiting packet fails (its sender gets host unreachable). arp_ignore = 0: any local address is answered.
 */
final class NeighbourTable {
    static final int MCAST_SOLICIT = 3;
    static final long RETRANS_NANOS = 1_000_000_000L;
    /** unres_qlen: packets held per unresolved neighbour. */
    static final int MAX_QUEUED = 101;

    private final Simulator sim;
    private final IpStack stack;
    private final Map<Key, Entry> entries = new HashMap<>();

    private record Key(String device, Ipv4Address ip) {
    }

    private record Pending(Ipv4Packet packet, Trace trace) {
    }

    private static final class Entry {
        private Optional<MacAddress> mac = Optional.empty();
        /** NUD_PERMANENT: set by the administrator; ARP never changes it. */
        private boolean permanent;
        private final List<Pending> queue = new ArrayList<>();
        private int probes;
        private Optional<ScheduledEvent> timer = Optional.empty();
    }

    NeighbourTable(Simulator sim, IpStack stack) {
        this.sim = sim;
        this.stack = stack;
    }

    /** Sends {@code packet} to the neighbour {@code nextHop} on {@code device}, resolving it first when needed. */
    void send(NetDevice device, Ipv4Address nextHop, Ipv4Packet packet, Trace trace) {
        Entry e = entries.computeIfAbsent(new Key(device.name(), nextHop), k -> new Entry());
        if (e.mac.isPresent()) {
            stack.transmit(device, e.mac.get(), packet, trace);
            return;
        }
        if (e.queue.size() < MAX_QUEUED) {
            e.queue.add(new Pending(packet, trace));
        }
        if (e.timer.isEmpty()) {
            e.probes = 0;
            solicit(device, nextHop, e, packet, trace);
        }
    }

    private void solicit(NetDevice device, Ipv4Address target, Entry e, Ipv4Packet cause, Trace trace) {
        e.probes++;
        // arp_announce = 0: the waiting packet's own source if it is ours, else an address of the device
        Ipv4Address src = stack.addresses().isLocal(cause.src()) ? cause.src()
                : stack.addresses().sourceFor(device.name(), target).orElse(Ipv4Address.ANY);
        ArpPacket request = ArpPacket.request(device.mac(), src, target);
        device.transmit(new Frame(new EthernetFrame(MacAddress.BROADCAST, device.mac(), request).encode(), trace));
        e.timer = Optional.of(sim.schedule(RETRANS_NANOS, "arp retransmit " + device.ref() + " " + target,
                () -> retransmit(device, target, e, cause, trace)));
    }

    private void retransmit(NetDevice device, Ipv4Address target, Entry e, Ipv4Packet cause, Trace trace) {
        e.timer = Optional.empty();
        if (e.mac.isPresent()) {
            return;
        }
        if (e.probes < MCAST_SOLICIT) {
            solicit(device, target, e, cause, trace);
            return;
        }
        List<Pending> failed = List.copyOf(e.queue);
        e.queue.clear();
        if (trace.recording()) {
            trace.step(device.ref() + ": no ARP reply for " + target + " after " + MCAST_SOLICIT + " requests");
        }
        failed.forEach(p -> stack.neighbourFailed(p.packet(), p.trace()));
    }

    /** A permanent entry: waiting packets leave at once, and ARP never overrides it (neigh_update without ADMIN). */
    void addPermanent(NetDevice device, Ipv4Address address, MacAddress mac) {
        Entry e = entries.computeIfAbsent(new Key(device.name(), address), k -> new Entry());
        learn(device, e, mac);
        e.permanent = true;
    }

    /** {@code ip neigh del}: the entry goes, whatever its state; a later packet resolves the address again. */
    void remove(NetDevice device, Ipv4Address address) {
        Entry e = entries.remove(new Key(device.name(), address));
        if (e != null) {
            e.timer.ifPresent(ScheduledEvent::cancel);
            e.queue.clear();
        }
    }

    Optional<MacAddress> resolved(NetDevice device, Ipv4Address address) {
        Entry e = entries.get(new Key(device.name(), address));
        return e == null ? Optional.empty() : e.mac;
    }

    /** The device is gone: its entries are forgotten and packets waiting on them dropped (neigh_ifdown). */
    void flush(NetDevice device) {
        entries.entrySet().removeIf(en -> {
            if (!en.getKey().device().equals(device.name())) {
                return false;
            }
            en.getValue().timer.ifPresent(ScheduledEvent::cancel);
            en.getValue().queue.clear();
            return true;
        });
    }

    void onArp(NetDevice device, ArpPacket arp, Trace trace) {
        boolean forUs = arp.isRequest() && !arp.targetIp().isLoopback() && stack.addresses().isLocal(arp.targetIp());
        Key key = new Key(device.name(), arp.senderIp());
        // arp_accept = 0: an answer only updates entries we asked about; a request for us also creates one
        if (!arp.senderIp().equals(Ipv4Address.ANY) && (entries.containsKey(key) || forUs)) {
            learn(device, entries.computeIfAbsent(key, k -> new Entry()), arp.senderMac());
        }
        if (forUs) {
            ArpPacket reply = arp.replyFrom(device.mac());
            device.transmit(new Frame(new EthernetFrame(arp.senderMac(), device.mac(), reply).encode(), trace));
        }
    }

    private void learn(NetDevice device, Entry e, MacAddress mac) {
        if (e.permanent) {
            return;
        }
        e.mac = Optional.of(mac);
        e.timer.ifPresent(ScheduledEvent::cancel);
        e.timer = Optional.empty();
        List<Pending> waiting = List.copyOf(e.queue);
        e.queue.clear();
        waiting.forEach(p -> stack.transmit(device, mac, p.packet(), p.trace()));
    }
}
