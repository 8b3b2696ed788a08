package io.netrig.model.spec.yaml;

import io.netrig.model.firewall.AddrType;
import io.netrig.model.firewall.CtState;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.firewall.Match;
import io.netrig.model.firewall.Policy;
import io.netrig.model.firewall.Rule;
import io.netrig.model.firewall.TableName;
import io.netrig.model.firewall.Target;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.spec.IptablesEdit;
import io.netrig.model.topology.Provenance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one {@code iptables} command: {@code -A}, {@code -I [N]}, {@code -N} and {@code -P}, in any table, with the
 * matches and targets netrig models (the ones Docker's and the seeds' rules use). The matches are kept in the order
 * iptables-save prints them (-s, -d, -i, -o, -p, then the modules as written). Anything else is refused naming it.
 */
final class IptablesSyntax {
    private IptablesSyntax() {
    }

    /** @throws IllegalArgumentException saying what is wrong */
    static IptablesEdit parse(String text) {
        List<String> w = words(text);
        if (w.isEmpty() || !w.getFirst().equals("iptables")) {
            throw new IllegalArgumentException("not an iptables command");
        }
        Reader r = new Reader(w.subList(1, w.size()), text);
        TableName table = TableName.FILTER;
        IptablesEdit edit = null;
        String command = null;
        String chain = null;
        int position = 1;
        List<Match> basic = new ArrayList<>(java.util.Collections.nCopies(5, null));
        List<Match> modules = new ArrayList<>();
        Target target = null;
        Policy policy = null;
        IpProtocol protocol = null;
        while (r.more()) {
            boolean negated = r.peekIs("!");
            if (negated) {
                r.next();
            }
            String opt = r.next();
            switch (opt) {
                case "-t", "--table" -> table = table(r.value(opt));
                case "-A", "--append", "-N", "--new-chain", "-I", "--insert", "-P", "--policy" -> {
                    if (command != null) {
                        throw r.bad("only one of -A, -I, -N, -P may be given");
                    }
                    command = opt.startsWith("--") ? "-" + Character.toUpperCase(opt.charAt(2)) : opt;
                    chain = r.value(opt);
                    if (command.equals("-I") && r.more() && r.peek().chars().allMatch(Character::isDigit)) {
                        position = Integer.parseInt(r.next());
                    }
                    if (command.equals("-P")) {
                        String p = r.value("-P " + chain);
                        policy = switch (p) {
                            case "ACCEPT" -> Policy.ACCEPT;
                            case "DROP" -> Policy.DROP;
                            default -> throw r.bad("policy '" + p + "' is not ACCEPT or DROP");
                        };
                    }
                }
                case "-s", "--source" -> basic.set(0, new Match.Source(prefix(r.value(opt), r), negated));
                case "-d", "--destination" -> basic.set(1, new Match.Destination(prefix(r.value(opt), r), negated));
                case "-i", "--in-interface" -> basic.set(2, new Match.InInterface(r.value(opt), negated));
                case "-o", "--out-interface" -> basic.set(3, new Match.OutInterface(r.value(opt), negated));
                case "-p", "--protocol" -> {
                    String p = r.value(opt);
                    protocol = IpProtocol.tryParse(p).orElseThrow(() -> r.bad("protocol '" + p + "' is not tcp, udp or icmp"));
                    basic.set(4, new Match.Protocol(protocol, negated));
                }
                case "-m", "--match" -> module(r.value(opt), protocol, r).ifPresent(modules::add);
                case "--dport", "--destination-port" -> modules.add(ports(r.value(opt), protocol, negated, true, r));
                case "--sport", "--source-port" -> modules.add(ports(r.value(opt), protocol, negated, false, r));
                case "--ctstate", "--state" -> modules.add(new Match.Conntrack(states(r.value(opt), r), negated));
                case "--dst-type", "--src-type" -> {
                    String t = r.value(opt);
                    AddrType type = Arrays.stream(AddrType.values()).filter(a -> a.name().equals(t)).findFirst()
                            .orElseThrow(() -> r.bad("address type '" + t + "' is not one of " + Arrays.toString(AddrType.values())));
                    modules.add(new Match.AddressType(type, opt.equals("--src-type"), negated));
                }
                case "--physdev-is-bridged" -> modules.add(new Match.PhysdevIsBridged(negated));
                case "--icmp-type" -> {
                    if (protocol != IpProtocol.ICMP) {
                        throw r.bad("--icmp-type needs -p icmp before it");
                    }
                    modules.add(new Match.IcmpType(icmpType(r.value(opt), r), negated));
                }
                case "--comment" -> r.value(opt);
                case "-j", "--jump", "-g", "--goto" -> target = target(opt, r.value(opt), r);
                default -> throw r.bad("option '" + opt + "' is not supported (supported: -t, -A, -I, -N, -P, -s, -d, -i, -o, -p, "
                        + "--dport, --sport, --icmp-type, -m conntrack|state|addrtype|physdev|tcp|udp|icmp|statistic|comment, -j, -g)");
            }
        }
        if (command == null) {
            throw r.bad("expected one of -A, -I, -N, -P (other commands such as -D, -F, -X are not supported)");
        }
        List<Match> matches = new ArrayList<>(basic.stream().filter(java.util.Objects::nonNull).toList());
        matches.addAll(modules);
        Provenance p = Provenance.of("command: " + text.strip());
        return switch (command) {
            case "-N" -> {
                requireNoRule(matches, target, r);
                yield new IptablesEdit.NewChain(table, chain);
            }
            case "-P" -> {
                requireNoRule(matches, target, r);
                yield new IptablesEdit.SetPolicy(table, chain, policy);
            }
            case "-A" -> new IptablesEdit.Append(table, chain, new Rule(matches, required(target, r), p));
            default -> new IptablesEdit.Insert(table, chain, position, new Rule(matches, required(target, r), p));
        };
    }

    private static void requireNoRule(List<Match> matches, Target target, Reader r) {
        if (!matches.isEmpty() || target != null) {
            throw r.bad("-N and -P take no rule");
        }
    }

    private static Target required(Target target, Reader r) {
        if (target == null) {
            throw r.bad("a rule needs a target (-j ACCEPT, DROP, …); netrig does not model counting-only rules");
        }
        return target;
    }

    private static TableName table(String t) {
        return Arrays.stream(TableName.values()).filter(n -> n.iptablesName().equals(t)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("table '" + t + "' is not filter, nat, mangle or raw"));
    }

    /** A match module; {@code statistic} reads its options here (nth mode only: netrig's runs are deterministic). */
    private static Optional<Match> module(String name, IpProtocol protocol, Reader r) {
        switch (name) {
            case "tcp", "udp", "icmp" -> {
                if (protocol == null || !protocol.iptablesName().equals(name)) {
                    throw r.bad("-m " + name + " needs -p " + name + " before it");
                }
                return Optional.empty();
            }
            case "statistic" -> {
                String mode = r.optionValue("--mode").orElseThrow(() -> r.bad("-m statistic needs --mode nth"));
                if (!mode.equals("nth")) {
                    throw r.bad("-m statistic --mode " + mode + " is not supported (supported: nth; random would make runs differ)");
                }
                int every = count(r.optionValue("--every").orElseThrow(() -> r.bad("-m statistic --mode nth needs --every N")), r);
                int packet = count(r.optionValue("--packet").orElse("0"), r);
                if (every < 1 || packet >= every) {
                    throw r.bad("-m statistic: --packet " + packet + " must be below --every " + every);
                }
                return Optional.of(new Match.Statistic(every, packet));
            }
            case "conntrack", "state", "addrtype", "physdev", "comment" -> {
                return Optional.empty();
            }
            default -> throw r.bad("match module '" + name + "' is not supported (supported: tcp, udp, icmp, conntrack, state, addrtype, "
                    + "physdev, statistic, comment)");
        }
    }

    private static int count(String text, Reader r) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
            throw r.bad("'" + text + "' is not a count");
        }
        return Integer.parseInt(text);
    }

    /** {@code --icmp-type}: a number, or the names iptables prints for the types netrig models. */
    private static int icmpType(String text, Reader r) {
        return switch (text) {
            case "echo-request" -> 8;
            case "echo-reply" -> 0;
            case "destination-unreachable" -> 3;
            case "time-exceeded" -> 11;
            default -> {
                if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(Character::isDigit) || Integer.parseInt(text) > 255) {
                    throw r.bad("ICMP type '" + text + "' is not 0-255, echo-request, echo-reply, destination-unreachable or time-exceeded");
                }
                yield Integer.parseInt(text);
            }
        };
    }

    private static Match ports(String text, IpProtocol protocol, boolean negated, boolean destination, Reader r) {
        if (protocol != IpProtocol.TCP && protocol != IpProtocol.UDP) {
            throw r.bad((destination ? "--dport" : "--sport") + " needs -p tcp or -p udp before it");
        }
        String[] parts = text.split(":", -1);
        if (parts.length > 2) {
            throw r.bad("port '" + text + "' is not PORT or FROM:TO");
        }
        int from = port(parts[0], r);
        int to = parts.length == 2 ? port(parts[1], r) : from;
        if (to < from) {
            throw r.bad("port range '" + text + "' ends before it starts");
        }
        return destination ? new Match.DestinationPort(from, to, negated) : new Match.SourcePort(from, to, negated);
    }

    private static int port(String text, Reader r) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit) || Integer.parseInt(text) > 65535) {
            throw r.bad("port '" + text + "' is not a number 0-65535");
        }
        return Integer.parseInt(text);
    }

    private static Set<CtState> states(String text, Reader r) {
        Set<CtState> out = EnumSet.noneOf(CtState.class);
        for (String s : text.split(",")) {
            out.add(Arrays.stream(CtState.values()).filter(c -> c.name().equals(s.toUpperCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> r.bad("conntrack state '" + s + "' is not one of " + Arrays.toString(CtState.values()))));
        }
        return out;
    }

    private static Ipv4Prefix prefix(String text, Reader r) {
        Optional<Ipv4Prefix> p = text.contains("/") ? Ipv4Prefix.tryParse(text) : Ipv4Address.tryParse(text).map(a -> Ipv4Prefix.of(a, 32));
        return p.orElseThrow(() -> r.bad("'" + text + "' is not an IPv4 address or a prefix with its host bits zero"));
    }

    private static Target target(String opt, String name, Reader r) {
        if (opt.equals("-g") || opt.equals("--goto")) {
            return new Target.Goto(name);
        }
        return switch (name) {
            case "ACCEPT" -> new Target.Accept();
            case "DROP" -> new Target.Drop();
            case "RETURN" -> new Target.Return();
            case "MASQUERADE" -> new Target.Masquerade();
            case "REJECT" -> new Target.Reject(r.optionValue("--reject-with").orElse("icmp-port-unreachable"));
            case "LOG" -> new Target.Log(r.optionValue("--log-prefix").orElse(""));
            case "REDIRECT" -> new Target.Redirect(r.optionValue("--to-ports").map(p -> port(p, r)));
            case "SNAT" -> new Target.Snat(Ipv4Address.tryParse(r.optionValue("--to-source").or(() -> r.optionValue("--to"))
                            .orElseThrow(() -> r.bad("SNAT needs --to-source")))
                    .orElseThrow(() -> r.bad("SNAT --to-source takes an IPv4 address (ports are not supported)")));
            case "DNAT" -> {
                // iptables takes any unambiguous abbreviation of an option: the seeds write --to
                String to = r.optionValue("--to-destination").or(() -> r.optionValue("--to"))
                        .orElseThrow(() -> r.bad("DNAT needs --to-destination"));
                int colon = to.indexOf(':');
                Ipv4Address a = Ipv4Address.tryParse(colon < 0 ? to : to.substring(0, colon))
                        .orElseThrow(() -> r.bad("DNAT --to-destination '" + to + "' is not ADDRESS[:PORT]"));
                yield new Target.Dnat(a, colon < 0 ? Optional.empty() : Optional.of(port(to.substring(colon + 1), r)));
            }
            default -> new Target.Jump(name);
        };
    }

    /** Splits like a shell would for these commands: on blanks, keeping "quoted text" together. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : text.strip().toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("a quote is not closed in '" + text.strip() + "'");
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }

    /** The words after {@code iptables}, with the target options ({@code --to-destination …}) picked out on demand. */
    private static final class Reader {
        private final List<String> words;
        private final String text;
        private int pos;

        Reader(List<String> words, String text) {
            this.words = new ArrayList<>(words);
            this.text = text.strip();
        }

        boolean more() {
            return pos < words.size();
        }

        String peek() {
            return words.get(pos);
        }

        boolean peekIs(String w) {
            return more() && peek().equals(w);
        }

        String next() {
            return words.get(pos++);
        }

        String value(String opt) {
            if (!more()) {
                throw bad("'" + opt + "' needs a value");
            }
            return next();
        }

        /** A target option anywhere after the current word; removed once read. */
        Optional<String> optionValue(String opt) {
            for (int i = pos; i < words.size() - 1; i++) {
                if (words.get(i).equals(opt)) {
                    String v = words.get(i + 1);
                    words.remove(i + 1);
                    words.remove(i);
                    return Optional.of(v);
                }
            }
            return Optional.empty();
        }

        IllegalArgumentException bad(String why) {
            return new IllegalArgumentException("'" + text + "': " + why);
        }
    }
}
