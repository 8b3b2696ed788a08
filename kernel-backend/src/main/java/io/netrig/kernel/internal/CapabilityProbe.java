package io.netrig.kernel.internal;

import io.netrig.kernel.LabId;
import io.netrig.kernel.capture.PcapCapture;
import io.netrig.kernel.exec.BridgeBatch;
import io.netrig.kernel.exec.Command;
import io.netrig.kernel.exec.CommandExecutor;
import io.netrig.kernel.exec.CommandResult;
import io.netrig.kernel.exec.IpBatch;
import io.netrig.kernel.exec.Iptables;
import io.netrig.kernel.exec.SysctlWrite;
import io.netrig.kernel.exec.Tc;
import io.netrig.kernel.exec.Xfrm;
import io.netrig.model.backend.Capabilities;
import io.netrig.model.backend.Feature;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.LinkName;
import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.Bridge;
import io.netrig.model.topology.MacvlanMode;
import io.netrig.model.topology.Sysctl;
import io.netrig.model.topology.Vxlan;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns what this kernel can build by trying each link kind once inside a throwaway lab namespace (which carries the
 * prefix and a state file like any lab, so a killed probe is cleaned up like a killed lab).
 */
public final class CapabilityProbe {
    private static final Logger LOG = LoggerFactory.getLogger(CapabilityProbe.class);
    private static final LinkName A = LinkName.of("cap0");
    private static final LinkName B = LinkName.of("cap1");

    private final CommandExecutor exec;
    private final StateStore states;
    private final String prefix;

    public CapabilityProbe(CommandExecutor exec, StateStore states, String prefix) {
        this.exec = exec;
        this.states = states;
        this.prefix = prefix;
    }

    public Capabilities probe() {
        LabId id = LabId.random(prefix, new SecureRandom());
        String ns = id.namespace("caps");
        Set<Feature> supported = EnumSet.noneOf(Feature.class);
        Map<Feature, String> missing = new EnumMap<>(Feature.class);
        states.write(new LabState(id.toString(), ProcessHandle.current().pid(), List.of(ns)));
        try {
            CommandResult made = exec.result(IpBatch.global().netnsAdd(ns).toCommand());
            if (!made.succeeded()) {
                String why = "cannot create network namespaces here (" + made.stderr().strip() + "; the kernel backend needs root)";
                for (Feature f : Feature.values()) {
                    missing.put(f, why);
                }
                return new Capabilities(supported, missing);
            }
            try {
                // veth first: the other kinds that need a parent use its end
                tryFeature(Feature.VETH, IpBatch.global().vethAdd(A, ns, B, ns).toCommand(), supported, missing);
                tryFeature(Feature.BRIDGE, IpBatch.global().bridgeAdd(LinkName.of("capbr"), ns, Bridge.DEFAULT_AGEING).toCommand(), supported, missing);
                tryFeature(Feature.MACVLAN, IpBatch.in(ns).macvlanAdd(LinkName.of("capmv"), A, MacvlanMode.BRIDGE).toCommand(), supported, missing);
                tryFeature(Feature.IPVLAN, IpBatch.in(ns).ipvlanAdd(LinkName.of("capiv"), A, "l2").toCommand(), supported, missing);
                tryFeature(Feature.VLAN, IpBatch.in(ns).vlanAdd(LinkName.of("capvl"), A, 10).toCommand(), supported, missing);
                tryFeature(Feature.VXLAN, vxlanAttempt(ns), supported, missing);
                tryFeature(Feature.DUMMY, IpBatch.in(ns).dummyAdd(LinkName.of("capdm")).toCommand(), supported, missing);
                tryFeature(Feature.NETEM, Tc.netemDelay(ns, B.value(), 1), supported, missing);
                tryFeature(Feature.BR_NETFILTER, SysctlWrite.read(ns, Sysctl.BRIDGE_NF_CALL_IPTABLES), supported, missing);
                tryFeature(Feature.IPVS, SysctlWrite.read(ns, "net.ipv4.vs.conntrack"), supported, missing);
                tryFeature(Feature.IPTABLES, Iptables.saveWithCounters(ns), supported, missing);
                // encrypted overlays: an ESP state of the kind Docker installs (esp4 and gcm(aes) in the kernel)
                tryFeature(Feature.ESP, Xfrm.espStateAdd(ns, Ipv4Address.parse("192.0.2.1"), Ipv4Address.parse("192.0.2.2"), 0x100,
                        "000102030405060708090a0b0c0d0e0f10111213"), supported, missing);
                if (PcapCapture.unavailable().isEmpty()) {
                    supported.add(Feature.CAPTURE);   // pcap4j in the JVM; tcpdump is only the fallback
                } else {
                    tryFeature(Feature.CAPTURE, Command.of(List.of("tcpdump", "--version")), supported, missing);
                }
            } finally {
                exec.run(IpBatch.global().netnsDelete(ns).toCommand());
            }
        } finally {
            states.delete(id.toString());
        }
        LOG.info("kernel capabilities: supported {}, missing {}", supported, missing.keySet());
        return new Capabilities(supported, missing);
    }

    /**
     * A VXLAN device made as the build makes them (from the namespace of its socket, directly into its own), set up
     * (which opens its UDP socket: the vxlan module's udp_tunnel part), then given an FDB entry by {@code bridge}.
     */
    private static List<Command> vxlanAttempt(String ns) {
        LinkName vx = LinkName.of("capvx");
        return List.of(IpBatch.in(ns).vxlanAdd(vx, ns, 42, Vxlan.DEFAULT_PORT, Optional.empty(), false, true).linkUp(vx).toCommand(),
                BridgeBatch.in(ns).fdbAppend(MacAddress.parse("02:00:00:00:00:2a"), vx, Ipv4Address.parse("192.0.2.1")).toCommand());
    }

    private void tryFeature(Feature feature, Command attempt, Set<Feature> supported, Map<Feature, String> missing) {
        tryFeature(feature, List.of(attempt), supported, missing);
    }

    /** The feature is there if every attempt succeeds, in order; the first that fails says why not. */
    private void tryFeature(Feature feature, List<Command> attempts, Set<Feature> supported, Map<Feature, String> missing) {
        for (Command attempt : attempts) {
            Optional<String> failure = failure(attempt);
            if (failure.isPresent()) {
                missing.put(feature, failure.get());
                return;
            }
        }
        supported.add(feature);
    }

    private Optional<String> failure(Command attempt) {
        CommandResult r;
        try {
            r = exec.result(attempt);
        } catch (io.netrig.kernel.exec.CommandFailedException e) {
            // the tool itself is missing (could not start) or hung: the feature is unusable here
            return Optional.of(e.getMessage());
        }
        if (r.succeeded()) {
            return Optional.empty();
        }
        String err = r.stderr().strip();
        // for a batch, its lines say more than "ip -n NS -batch -"
        String what = attempt.stdin().map(in -> attempt.argv().getFirst() + " " + String.join("; ", in.strip().lines().toList()))
                .orElse(String.join(" ", attempt.argv()));
        return Optional.of("'" + what + "' failed" + (err.isEmpty() ? "" : ": " + err.lines().findFirst().orElse(err)));
    }
}
