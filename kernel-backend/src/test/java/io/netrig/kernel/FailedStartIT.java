package io.netrig.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.kernel.internal.StateStore;
import io.netrig.model.NetrigException;
import io.netrig.model.backend.Backends;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.firewall.Chain;
import io.netrig.model.firewall.Policy;
import io.netrig.model.firewall.Rule;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.firewall.Table;
import io.netrig.model.firewall.TableName;
import io.netrig.model.firewall.Target;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.netrig.model.topology.LinkRef.end;

class FailedStartIT extends KernelTestSupport {
    @TempDir
    Path work;

    private String assertStartFailsCleanly(Topology t, String expected) {
        NetrigException e = assertThrows(NetrigException.class,
                () -> Backends.byName("kernel").start(t, LabOptions.defaults().withPrefix("nrfail").withWorkDir(work)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("everything made so far was removed"), e.getMessage());
        assertFalse(new StateStore(StateStore.DEFAULT_DIR).labIds().stream().anyMatch(id -> id.startsWith("nrfail")),
                "a failed start left its state file");
        // namespaces, root links and root rules, JVM threads and sockets are compared by KernelTestSupport after the test
        return e.getMessage();
    }

    @Test
    void aRuleTheKernelRejectsLeavesNothingBehind() {
        Topology t = DockerTopology.builder(true).build();
        Topology bad = new Topology(t.name(), t.namespaces(), t.links(), t.addresses(), t.routes(), t.sysctls(),
                List.of(new Ruleset("host", List.of(new Table(TableName.FILTER, List.of(
                        new Chain("INPUT", Optional.of(Policy.ACCEPT), List.of(Rule.of(new Target.Reject("no-such-icmp-type"), Provenance.of("bad rule")))),
                        new Chain("FORWARD", Optional.of(Policy.ACCEPT), List.of()),
                        new Chain("OUTPUT", Optional.of(Policy.ACCEPT), List.of())))))));
        assertStartFailsCleanly(bad, "at step 'iptables of host'");
    }

    @Test
    void aListenerOnAnAddressTheNamespaceLacksLeavesNothingBehind() {
        Topology bad = ServerTopology.builder()
                .service(new io.netrig.model.topology.Listener("server", io.netrig.model.firewall.IpProtocol.TCP,
                        io.netrig.model.net.Ipv4Address.parse("10.0.0.99"), 8000, Provenance.of("listener on a foreign address")))
                .build();
        String message = assertStartFailsCleanly(bad, "at step 'services'");
        assertTrue(message.contains("tcp 10.0.0.99:8000 in 'server'") && message.contains("EADDRNOTAVAIL"), message);
    }

    @Test
    void aMacTheKernelRejectsLeavesNothingBehind() {
        // the model accepts any 48-bit MAC; the kernel refuses a multicast one as an interface address
        Topology bad = Topology.builder("bad-mac").namespace("a").namespace("b")
                .link(new Veth(Iface.of(end("a", "eth0")).withMac(io.netrig.model.net.MacAddress.parse("01:00:5e:00:00:01")),
                        Iface.of(end("b", "eth0")), Provenance.of("veth with a multicast MAC")))
                .build();
        assertStartFailsCleanly(bad, "at step 'interfaces, addresses and routes of a'");
    }
}
