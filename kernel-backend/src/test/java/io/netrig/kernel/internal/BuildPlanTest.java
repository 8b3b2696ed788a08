package io.netrig.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netrig.kernel.DockerTopology;
import io.netrig.kernel.LabId;
import io.netrig.kernel.exec.Command;
import io.netrig.model.render.IptablesSave;
import io.netrig.model.topology.Topology;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildPlanTest {
    private static final LabId LAB = new LabId("nr", "3fa2");
    private final Topology topology = DockerTopology.topology();
    private final BuildPlan plan = BuildPlan.of(topology, LAB);

    @Test
    void namesEveryNamespaceWithTheLabId() {
        assertEquals(List.of("nr3fa2-host", "nr3fa2-c1", "nr3fa2-c2"), plan.namespaces());
    }

    @Test
    void buildsWithOneProcessPerPhaseAndNamespace() {
        List<String> phases = plan.steps().stream().map(BuildStep::phase).toList();
        assertEquals(List.of("namespaces", "links", "interfaces, addresses and routes of host",
                "interfaces, addresses and routes of c1", "interfaces, addresses and routes of c2", "sysctls of host",
                "iptables of host"), phases);
    }

    @Test
    void createsNamespacesInOneGlobalBatch() {
        Command c = plan.steps().get(0).command();
        assertEquals(List.of("ip", "-batch", "-"), c.argv());
        assertEquals(Optional.of("netns add nr3fa2-host\nnetns add nr3fa2-c1\nnetns add nr3fa2-c2\n"), c.stdin());
    }

    @Test
    void createsLinksDirectlyInTheirNamespacesSoTheRootNamespaceNeverSeesThem() {
        Command c = plan.steps().get(1).command();
        assertEquals(List.of("ip", "-batch", "-"), c.argv());
        assertEquals(Optional.of("""
                link add br-1 netns nr3fa2-host type bridge stp_state 0 ageing_time 30000
                link add veth1a2b3c4 netns nr3fa2-host type veth peer name eth0 netns nr3fa2-c1
                link add veth5d6e7f8 netns nr3fa2-host type veth peer name eth0 netns nr3fa2-c2
                """), c.stdin());
    }

    @Test
    void configuresEachNamespaceInItsOwnBatch() {
        Command host = plan.steps().get(2).command();
        assertEquals(List.of("ip", "-n", "nr3fa2-host", "-batch", "-"), host.argv());
        assertEquals(Optional.of("nr3fa2-host"), host.namespace());
        assertEquals(Optional.of("""
                link set lo up
                link set veth1a2b3c4 master br-1
                link set veth5d6e7f8 master br-1
                link set br-1 up
                link set veth1a2b3c4 up
                link set veth5d6e7f8 up
                addr add 172.18.0.1/16 dev br-1
                """), host.stdin());
        assertEquals(Optional.of("""
                link set lo up
                link set eth0 up
                addr add 172.18.0.2/16 dev eth0
                route add default via 172.18.0.1
                """), plan.steps().get(3).command().stdin());
    }

    @Test
    void writesSysctlsOfANamespaceWithOneProcessBeforeItsRules() {
        assertEquals(List.of("ip", "netns", "exec", "nr3fa2-host", "sysctl", "-w", "net.ipv4.ip_forward=1",
                "net.bridge.bridge-nf-call-iptables=1"), plan.steps().get(5).command().argv());
    }

    @Test
    void restoresTheModelRulesetRenderedByTheModel() {
        Command c = plan.steps().get(6).command();
        assertEquals(List.of("ip", "netns", "exec", "nr3fa2-host", "iptables-restore"), c.argv());
        assertEquals(Optional.of(IptablesSave.render(topology.ruleset("host").orElseThrow())), c.stdin());
    }
}
