package io.netrig.sim.stack;

import io.netrig.model.net.Ipv4Address;
import io.netrig.sim.wire.IcmpMessage;

/** Why a TCP connection attempt failed, as connect(2) reports it. */
public sealed interface TcpFailure {
    /** The errno text connect(2) returns. */
    String errnoText();

    /** ECONNREFUSED: a RST, or an ICMP port unreachable. */
    default boolean refused() {
        return false;
    }

    /** A RST answered the SYN: nothing listens on the port. */
    record Reset(Ipv4Address from) implements TcpFailure {
        @Override
        public String errnoText() {
            return "Connection refused";
        }

        @Override
        public boolean refused() {
            return true;
        }
    }

    /** An ICMP error about the SYN (tcp_v4_err aborts a connection in SYN-SENT on any destination unreachable). */
    record Icmp(Ipv4Address from, int type, int code) implements TcpFailure {
        /** The errno of icmp_err_convert (time exceeded: EHOSTUNREACH). */
        @Override
        public String errnoText() {
            if (type != IcmpMessage.DEST_UNREACHABLE) {
                return "No route to host";
            }
            return switch (code) {
                case 0, 6, 9, 11 -> "Network is unreachable";
                case 2 -> "Protocol not available";
                case 3 -> "Connection refused";
                case 5 -> "Operation not supported";
                case 7 -> "Host is down";
                case 8 -> "Machine is not on the network";
                default -> "No route to host";
            };
        }

        @Override
        public boolean refused() {
            return type == IcmpMessage.DEST_UNREACHABLE && code == IcmpMessage.CODE_PORT_UNREACHABLE;
        }
    }

    /** No answer after tcp_syn_retries retransmissions. */
    record TimedOut() implements TcpFailure {
        @Override
        public String errnoText() {
            return "Connection timed out";
        }
    }
}
