package io.netrig.model.spec.yaml;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.spec.HostCommand;
import io.netrig.model.spec.SpecPath;
import io.netrig.model.topology.MacvlanMode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads one literal host command: the {@code ip link|addr|route} and {@code sysctl} forms a lab needs to add what
 * Docker does not make (the macvlan_host shim, a VLAN, a route with a source address). Anything else is refused
 * naming what is supported; a bad argument is refused naming it and what was expected.
 */
final class CommandSyntax {
    static final String SUPPORTED = "ip link add … type macvlan|vlan|dummy, ip link set NAME up, ip addr add A/LEN dev NAME, "
            + "ip route add PREFIX [via GW] [dev NAME] [src A] [metric N], route add -net|-host …, sysctl -w KEY=VALUE, "
            + "iptables -A|-I|-N|-P …";

    private CommandSyntax() {
    }

    /** @throws IllegalArgumentException with a message saying what is wrong */
    static HostCommand parse(String text, SpecPath path) {
        List<String> w = Arrays.asList(text.trim().split("\\s+"));
        if (w.getFirst().equals("iptables")) {
            return new HostCommand.Iptables(text, path, IptablesSyntax.parse(text));
        }
        if (w.getFirst().equals("route")) {
            return netToolsRoute(text, path, w);
        }
        if (w.getFirst().equals("sysctl")) {
            return sysctl(text, path, w);
        }
        if (!w.getFirst().equals("ip") || w.size() < 3) {
            throw new IllegalArgumentException("unsupported command '" + text.trim() + "' (supported: " + SUPPORTED + ")");
        }
        String object = w.get(1);
        String verb = w.get(2);
        List<String> args = w.subList(3, w.size());
        if (is(object, "link", "l") && verb.equals("add")) {
            return linkAdd(text, path, args);
        }
        if (is(object, "link", "l") && verb.equals("set")) {
            List<String> rest = args.isEmpty() || !args.getFirst().equals("dev") ? args : args.subList(1, args.size());
            if (rest.size() != 2 || !rest.get(1).equals("up")) {
                throw new IllegalArgumentException("'" + text.trim() + "': only 'ip link set [dev] NAME up' is supported");
            }
            return new HostCommand.SetUp(text, path, rest.getFirst());
        }
        if (is(object, "address", "addr", "a") && verb.equals("add")) {
            return addrAdd(text, path, args);
        }
        if (is(object, "route", "r", "ro") && verb.equals("add")) {
            return routeAdd(text, path, args);
        }
        throw new IllegalArgumentException("unsupported command '" + text.trim() + "' (supported: " + SUPPORTED + ")");
    }

    private static boolean is(String word, String... spellings) {
        return Arrays.asList(spellings).contains(word);
    }

    private static HostCommand linkAdd(String text, SpecPath path, List<String> args) {
        String name = null;
        String parent = null;
        String type = null;
        List<String> typeArgs = List.of();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "link" -> parent = value(args, ++i, "link", "the parent interface");
                case "name", "dev" -> name = value(args, ++i, a, "the new interface's name");
                case "type" -> {
                    type = value(args, ++i, "type", "a link type");
                    typeArgs = args.subList(i + 1, args.size());
                    i = args.size();
                }
                default -> {
                    if (name != null) {
                        throw new IllegalArgumentException("'" + text.trim() + "': unexpected '" + a + "'");
                    }
                    name = a;
                }
            }
        }
        if (name == null || type == null) {
            throw new IllegalArgumentException("'" + text.trim() + "': expected ip link add NAME [link PARENT] type TYPE …");
        }
        return switch (type) {
            case "macvlan" -> {
                MacvlanMode mode = MacvlanMode.VEPA; // iproute2's and the kernel's default mode
                for (int i = 0; i < typeArgs.size(); i++) {
                    if (!typeArgs.get(i).equals("mode")) {
                        throw new IllegalArgumentException("'" + text.trim() + "': unexpected '" + typeArgs.get(i) + "' (expected mode MODE)");
                    }
                    String m = value(typeArgs, ++i, "mode", "bridge, private, vepa or passthru");
                    mode = MacvlanMode.tryParse(m).orElseThrow(() -> new IllegalArgumentException("'" + text.trim()
                            + "': macvlan mode '" + m + "' is not bridge, private, vepa or passthru"));
                }
                yield new HostCommand.AddMacvlan(text, path, name, required(parent, text, "link PARENT"), mode);
            }
            case "vlan" -> {
                if (typeArgs.size() != 2 || !typeArgs.getFirst().equals("id")) {
                    throw new IllegalArgumentException("'" + text.trim() + "': expected type vlan id 1-4094");
                }
                int id = integer(typeArgs.get(1), 1, 4094, text, "vlan id");
                yield new HostCommand.AddVlan(text, path, name, required(parent, text, "link PARENT"), id);
            }
            case "dummy" -> new HostCommand.AddDummy(text, path, name);
            default -> throw new IllegalArgumentException("'" + text.trim() + "': link type '" + type
                    + "' is not supported (supported: macvlan, vlan, dummy)");
        };
    }

    private static HostCommand addrAdd(String text, SpecPath path, List<String> args) {
        if (args.size() != 3 || !args.get(1).equals("dev")) {
            throw new IllegalArgumentException("'" + text.trim() + "': expected ip addr add A.B.C.D/LEN dev NAME");
        }
        String a = args.getFirst();
        int slash = a.indexOf('/');
        Ipv4Interface address = Ipv4Address.tryParse(slash < 0 ? a : a.substring(0, slash))
                .map(ip -> Ipv4Interface.of(ip, slash < 0 ? 32 : integer(a.substring(slash + 1), 0, 32, text, "prefix length")))
                .orElseThrow(() -> new IllegalArgumentException("'" + text.trim() + "': '" + a + "' is not an IPv4 address with prefix length"));
        return new HostCommand.AddAddress(text, path, address, args.get(2));
    }

    private static HostCommand routeAdd(String text, SpecPath path, List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("'" + text.trim() + "': expected ip route add PREFIX|default …");
        }
        String dest = args.getFirst();
        Ipv4Prefix to = dest.equals("default") ? Ipv4Prefix.DEFAULT : Ipv4Prefix.tryParse(dest.contains("/") ? dest : dest + "/32")
                .orElseThrow(() -> new IllegalArgumentException("'" + text.trim() + "': '" + dest
                        + "' is not a prefix with its host bits zero, nor default"));
        Optional<Ipv4Address> via = Optional.empty();
        Optional<Ipv4Address> src = Optional.empty();
        Optional<String> dev = Optional.empty();
        int metric = 0;
        for (int i = 1; i < args.size(); i++) {
            String key = args.get(i);
            String v = value(args, ++i, key, "a value");
            switch (key) {
                case "via" -> via = Optional.of(address(v, text, "via"));
                case "src" -> src = Optional.of(address(v, text, "src"));
                case "dev" -> dev = Optional.of(v);
                case "metric", "preference" -> metric = integer(v, 0, Integer.MAX_VALUE, text, "metric");
                default -> throw new IllegalArgumentException("'" + text.trim() + "': '" + key
                        + "' is not supported (supported: via, dev, src, metric)");
            }
        }
        if (via.isEmpty() && dev.isEmpty()) {
            throw new IllegalArgumentException("'" + text.trim() + "': a route needs via GW or dev NAME");
        }
        return new HostCommand.AddRoute(text, path, to, via, dev, src, metric);
    }

    /**
     * net-tools' {@code route add -net A.B.C.D netmask M gw G [dev IF] [metric N]} and {@code route add -host A gw G},
     * {@code route add default gw G}: the same route as {@code ip route add}.
     */
    private static HostCommand netToolsRoute(String text, SpecPath path, List<String> w) {
        if (w.size() < 3 || !w.get(1).equals("add")) {
            throw new IllegalArgumentException("'" + text.trim() + "': only 'route add' is supported");
        }
        Ipv4Address target = null;
        Integer length = null;
        Ipv4Prefix to = null;
        Optional<Ipv4Address> via = Optional.empty();
        Optional<String> dev = Optional.empty();
        int metric = 0;
        for (int i = 2; i < w.size(); i++) {
            String key = w.get(i);
            switch (key) {
                case "-net", "-host" -> {
                    String v = value(w, ++i, key, "an address");
                    if (v.contains("/")) {
                        to = Ipv4Prefix.tryParse(v).orElseThrow(() -> new IllegalArgumentException("'" + text.trim() + "': '" + v
                                + "' is not a prefix with its host bits zero"));
                    } else {
                        target = address(v, text, key);
                        if (key.equals("-host")) {
                            length = 32;
                        }
                    }
                }
                case "default" -> to = Ipv4Prefix.DEFAULT;
                case "netmask" -> {
                    Ipv4Address mask = address(value(w, ++i, key, "a netmask"), text, "netmask");
                    int bits = Integer.bitCount(mask.bits());
                    if (Ipv4Prefix.mask(bits) != mask.bits()) {
                        throw new IllegalArgumentException("'" + text.trim() + "': netmask " + mask + " is not contiguous");
                    }
                    length = bits;
                }
                case "gw" -> via = Optional.of(address(value(w, ++i, key, "a gateway"), text, "gw"));
                case "dev" -> dev = Optional.of(value(w, ++i, key, "an interface"));
                case "metric" -> metric = integer(value(w, ++i, key, "a number"), 0, Integer.MAX_VALUE, text, "metric");
                default -> throw new IllegalArgumentException("'" + text.trim() + "': '" + key
                        + "' is not supported (supported: -net, -host, default, netmask, gw, dev, metric)");
            }
        }
        if (to == null && target != null) {
            int len = length == null ? 32 : length;
            Ipv4Address t = target;
            to = Ipv4Prefix.tryParse(t + "/" + len).orElseThrow(() -> new IllegalArgumentException("'" + text.trim() + "': "
                    + t + " has host bits set for netmask /" + len + " (route: netmask doesn't match route address)"));
        }
        if (to == null) {
            throw new IllegalArgumentException("'" + text.trim() + "': expected -net, -host or default");
        }
        if (via.isEmpty() && dev.isEmpty()) {
            throw new IllegalArgumentException("'" + text.trim() + "': a route needs gw GW or dev NAME");
        }
        return new HostCommand.AddRoute(text, path, to, via, dev, Optional.empty(), metric);
    }

    private static HostCommand sysctl(String text, SpecPath path, List<String> w) {
        List<String> rest = w.size() > 1 && w.get(1).equals("-w") ? w.subList(2, w.size()) : w.subList(1, w.size());
        if (rest.size() != 1 || !rest.getFirst().contains("=")) {
            throw new IllegalArgumentException("'" + text.trim() + "': expected sysctl -w KEY=VALUE");
        }
        String kv = rest.getFirst();
        String key = kv.substring(0, kv.indexOf('='));
        String value = kv.substring(kv.indexOf('=') + 1);
        if (!key.matches("net\\.[a-z0-9_.-]+") || value.isEmpty()) {
            throw new IllegalArgumentException("'" + text.trim() + "': '" + kv + "' is not a net.* KEY=VALUE (a lab sets network sysctls only)");
        }
        return new HostCommand.SetSysctl(text, path, key, value);
    }

    private static String value(List<String> args, int i, String key, String expected) {
        if (i >= args.size()) {
            throw new IllegalArgumentException("'" + key + "' needs a value (" + expected + ")");
        }
        return args.get(i);
    }

    private static String required(String value, String text, String what) {
        if (value == null) {
            throw new IllegalArgumentException("'" + text.trim() + "': needs " + what);
        }
        return value;
    }

    private static Ipv4Address address(String v, String text, String key) {
        return Ipv4Address.tryParse(v).orElseThrow(() -> new IllegalArgumentException("'" + text.trim() + "': " + key
                + " '" + v + "' is not an IPv4 address"));
    }

    private static int integer(String v, int min, int max, String text, String what) {
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException("'" + text.trim() + "': " + what + " " + n + " is outside " + min + "-" + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text.trim() + "': " + what + " '" + v + "' is not a number");
        }
    }
}
