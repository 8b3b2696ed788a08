package io.netrig.model.spec;

import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.net.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Docker's port syntax: {@code -p [ip:][hostPort[-end]]:containerPort[-end][/tcp|udp]} and a listening port
 * {@code port[/tcp|udp]}. Errors carry Docker's own wording ({@code Invalid hostPort: 70000}) in an
 * {@link IllegalArgumentException}.
 */
public final class PortSyntax {
    private PortSyntax() {
    }

    /** The bindings one {@code -p} value asks for; a range publishes one binding per port, as Docker does. */
    public static List<PortSpec> parsePublish(String raw) {
        String text = raw.trim();
        int slash = text.lastIndexOf('/');
        IpProtocol proto = slash < 0 ? IpProtocol.TCP : protocol(text.substring(slash + 1));
        String spec = slash < 0 ? text : text.substring(0, slash);
        String ip = "";
        String host = "";
        String container;
        String[] parts = spec.split(":", -1);
        switch (parts.length) {
            case 1 -> container = parts[0];
            case 2 -> {
                host = parts[0];
                container = parts[1];
            }
            case 3 -> {
                ip = parts[0];
                host = parts[1];
                container = parts[2];
            }
            default -> throw new IllegalArgumentException("Invalid port format: '" + raw
                    + "' (expected [ip:][hostPort:]containerPort[/tcp|udp], e.g. 8080:80 or 127.0.0.1:8080:80/udp)");
        }
        Optional<Ipv4Address> hostIp = Optional.empty();
        if (!ip.isEmpty()) {
            String written = ip;
            hostIp = Optional.of(Ipv4Address.tryParse(ip).orElseThrow(() -> new IllegalArgumentException("Invalid ip address: " + written)));
        }
        if (container.isEmpty()) {
            throw new IllegalArgumentException("No port specified: " + raw + "<empty>");
        }
        int[] containerRange = range(container, "containerPort");
        int[] hostRange = host.isEmpty() ? null : range(host, "hostPort");
        int count = containerRange[1] - containerRange[0] + 1;
        if (hostRange != null && hostRange[1] - hostRange[0] + 1 != count && hostRange[0] != hostRange[1]) {
            throw new IllegalArgumentException("Invalid ranges specified for container and host Ports: " + container + " and " + host);
        }
        List<PortSpec> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            OptionalInt hostPort = hostRange == null ? OptionalInt.empty()
                    : OptionalInt.of(hostRange[0] == hostRange[1] ? hostRange[0] : hostRange[0] + i);
            out.add(new PortSpec(hostIp, hostPort, containerRange[0] + i, proto));
        }
        return out;
    }

    /** A listening port: {@code 80}, {@code 80/tcp}, {@code 53/udp}. */
    public static ListenSpec parseListen(String raw) {
        String text = raw.trim();
        int slash = text.lastIndexOf('/');
        IpProtocol proto = slash < 0 ? IpProtocol.TCP : protocol(text.substring(slash + 1));
        String port = slash < 0 ? text : text.substring(0, slash);
        int[] r = range(port, "port");
        if (r[0] != r[1]) {
            throw new IllegalArgumentException("Invalid port: " + port + " (expected one port, e.g. 80 or 53/udp)");
        }
        return new ListenSpec(r[0], proto);
    }

    private static IpProtocol protocol(String text) {
        return switch (text) {
            case "tcp" -> IpProtocol.TCP;
            case "udp" -> IpProtocol.UDP;
            default -> throw new IllegalArgumentException("Invalid proto: " + text + " (expected tcp or udp)");
        };
    }

    private static int[] range(String text, String what) {
        int dash = text.indexOf('-');
        int start = port(dash < 0 ? text : text.substring(0, dash), text, what);
        int end = dash < 0 ? start : port(text.substring(dash + 1), text, what);
        if (end < start) {
            throw new IllegalArgumentException("Invalid " + what + ": " + text + " (range end below its start)");
        }
        return new int[] {start, end};
    }

    private static int port(String digits, String whole, String what) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("Invalid " + what + ": " + whole + " (expected a port number 1-65535)");
        }
        int value = Integer.parseInt(digits);
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException("Invalid " + what + ": " + whole + " (expected a port number 1-65535)");
        }
        return value;
    }
}
