package io.netrig.sim.netfilter;

import java.util.Locale;

/** What a REJECT rule sends back to the rejected packet's sender. */
public sealed interface Rejection {
    /** An ICMP destination unreachable with {@code code} (icmp-port-unreachable, icmp-host-prohibited, …). */
    record IcmpUnreachable(int code) implements Rejection {
    }

    /** {@code --reject-with tcp-reset}: a TCP RST, for TCP packets (iptables accepts it only with {@code -p tcp}). */
    record TcpReset() implements Rejection {
    }

    /** The answer {@code --reject-with WITH} gives; unknown names get the default, icmp-port-unreachable. */
    static Rejection of(String with) {
        return switch (with.toLowerCase(Locale.ROOT)) {
            case "tcp-reset" -> new TcpReset();
            case "icmp-net-unreachable" -> new IcmpUnreachable(0);
            case "icmp-host-unreachable" -> new IcmpUnreachable(1);
            case "icmp-proto-unreachable" -> new IcmpUnreachable(2);
            case "icmp-net-prohibited" -> new IcmpUnreachable(9);
            case "icmp-host-prohibited" -> new IcmpUnreachable(10);
            case "icmp-admin-prohibited" -> new IcmpUnreachable(13);
            default -> new IcmpUnreachable(3);
        };
    }
}
