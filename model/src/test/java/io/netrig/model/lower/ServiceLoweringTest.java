package io.netrig.model.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.render.IptablesSave;
import io.netrig.model.spec.SwarmServices;
import io.netrig.model.spec.ValidatedLab;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.DnsServer;
import io.netrig.model.topology.LoadBalancer;
import io.netrig.model.topology.LoadBalancerRules;
import io.netrig.model.topology.Topology;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Swarm services as libnetwork 20.10 wires them: the ingress sandbox, DOCKER-INGRESS, task redirects, VIPs, DNS. */
class ServiceLoweringTest {
    static final String LAB = """
            segments: {underlay: {}}
            hosts:
              node1: {interfaces: {eth0: {segment: underlay, address: 192.168.50.11/24}}, swarm: manager}
              node2: {interfaces: {eth0: {segment: underlay, address: 192.168.50.12/24}}, swarm: worker}
              node3: {interfaces: {eth0: {segment: underlay, address: 192.168.50.13/24}}, swarm: worker}
            networks:
              app: {driver: overlay, attachable: true}
            services:
              web: {networks: [app], replicas: 2, ports: ["published=8080,target=80"], placement: [node1, node2]}
              cache: {networks: [app], replicas: 2, endpoint_mode: dnsrr, listen: [6379]}
            containers:
              probe: {host: node3, networks: [app]}
            """;

    private static ValidatedLab lab() {
        return YamlSpecLoader.parseValidated("lab.yaml", LAB);
    }

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    @Test
    void tasksAreSpreadOverThePlacementNodesAndAddressedAfterTheirServicesVip() {
        ValidatedLab v = lab();
        assertEquals(List.of("web.1@node1", "web.2@node2", "cache.1@node1", "cache.2@node2"),
                SwarmServices.tasks(v.spec()).stream().map(t -> t.name() + "@" + t.node()).toList());
        assertEquals(Optional.of(ip("10.0.1.2")), v.addresses().endpoint(SwarmServices.vipOwner("web"), "app"));
        assertEquals(Optional.of(ip("10.0.1.3")), v.addresses().endpoint("web.1", "app"));
        assertEquals(Optional.of(ip("10.0.1.5")), v.addresses().endpoint("cache.1", "app"));
        assertEquals(Optional.empty(), v.addresses().endpoint(SwarmServices.vipOwner("cache"), "app"), "dnsrr has no VIP");
        assertEquals(Optional.of(ip("10.0.1.7")), v.addresses().endpoint("probe", "app"));
        // the ingress sandboxes join first, one per node, on the ingress network and on each docker_gwbridge
        assertEquals(Optional.of(ip("10.0.0.2")), v.addresses().endpoint(SwarmServices.sandboxOwner("node1"), SwarmServices.INGRESS));
        assertEquals(Optional.of(ip("10.0.0.4")), v.addresses().endpoint(SwarmServices.sandboxOwner("node3"), SwarmServices.INGRESS));
        assertEquals(Optional.of(ip("172.18.0.2")), v.addresses().endpoint(SwarmServices.sandboxOwner("node3"), "docker_gwbridge"));
    }

    @Test
    void everyNodeSendsThePublishedPortToItsIngressSandbox() {
        Topology t = Lowering.lower(lab());
        String node3 = IptablesSave.render(t.ruleset("node3").orElseThrow());
        assertTrue(node3.contains("-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER-INGRESS"), node3);
        assertTrue(node3.contains("-A DOCKER-INGRESS -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.18.0.2:8080"), node3);
        assertTrue(node3.contains("-A POSTROUTING -o docker_gwbridge -m addrtype --src-type LOCAL -j MASQUERADE"), node3);
        assertTrue(node3.contains("-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER-INGRESS\n"), node3);
        assertTrue(node3.contains("-A DOCKER-INGRESS -p tcp -m tcp --dport 8080 -j ACCEPT"), node3);
        String sandbox = SwarmServices.sandboxNamespace("node3");
        assertEquals(List.of(new LoadBalancer(sandbox, new LoadBalancer.PublishedPort(IpProtocol.TCP, 8080),
                        List.of(ip("10.0.0.6"), ip("10.0.0.7")), Optional.of(ip("10.0.0.4")), "web",
                        t.loadBalancersIn(sandbox).getFirst().provenance())),
                t.loadBalancersIn(sandbox), "the sandbox balances over the tasks' ingress addresses, from its own");
        assertEquals(Optional.of("1"), t.sysctl(sandbox, "net.ipv4.ip_forward"));
    }

    @Test
    void aTaskRedirectsThePublishedPortToItsTarget() {
        Topology t = Lowering.lower(lab());
        String web1 = IptablesSave.render(t.ruleset("web.1").orElseThrow());
        assertTrue(web1.contains("-A PREROUTING -d 10.0.0.6/32 -p tcp -m tcp --dport 8080 -j REDIRECT --to-ports 80"), web1);
        assertEquals(List.of("tcp 0.0.0.0:80"), t.servicesIn("web.1").stream().filter(s -> !(s instanceof DnsServer))
                .map(s -> s.socketText()).toList());
    }

    @Test
    void everyContainerOnTheNetworkBalancesTheVipAndAnswersItsPing() {
        Topology t = Lowering.lower(lab());
        for (String c : List.of("probe", "web.1", "cache.2")) {
            assertEquals(List.of(new LoadBalancer.Vip(ip("10.0.1.2"))), t.loadBalancersIn(c).stream().map(LoadBalancer::frontend).toList(), c);
            assertEquals(List.of(ip("10.0.1.3"), ip("10.0.1.4")), t.loadBalancersIn(c).getFirst().backends(), c);
            String rules = IptablesSave.render(t.ruleset(c).orElseThrow());
            assertTrue(rules.contains("-A OUTPUT -d 10.0.1.2/32 -p icmp -m icmp --icmp-type 8 -j DNAT --to-destination 127.0.0.1"), rules);
        }
    }

    @Test
    void theEmbeddedDnsKnowsServicesAndTheirTasks() {
        Topology t = Lowering.lower(lab());
        DnsServer dns = t.servicesIn("probe").stream().filter(DnsServer.class::isInstance).map(DnsServer.class::cast).findFirst().orElseThrow();
        assertEquals(List.of(ip("10.0.1.2")), dns.lookup("web"));
        assertEquals(List.of(ip("10.0.1.3"), ip("10.0.1.4")), dns.lookup("tasks.web"));
        assertEquals(List.of(ip("10.0.1.5"), ip("10.0.1.6")), dns.lookup("cache"));
        assertEquals(List.of(ip("10.0.1.5"), ip("10.0.1.6")), dns.lookup("tasks.cache"));
    }

    @Test
    void withoutIpvsTheBalancersBecomeNthDnatRules() {
        Topology t = LoadBalancerRules.natEquivalent(Lowering.lower(lab()));
        assertTrue(t.loadBalancers().isEmpty());
        String probe = IptablesSave.render(t.ruleset("probe").orElseThrow());
        assertTrue(probe.contains("-A OUTPUT -j NETRIG-LB-OUTPUT"), probe);
        assertTrue(probe.contains("-A NETRIG-LB-OUTPUT -d 10.0.1.2/32 -p tcp -m tcp -m statistic --mode nth --every 2 --packet 0 "
                + "-j DNAT --to-destination 10.0.1.3"), probe);
        assertTrue(probe.contains("-A NETRIG-LB-OUTPUT -d 10.0.1.2/32 -p udp -m udp -m statistic --mode nth --every 1 --packet 0 "
                + "-j DNAT --to-destination 10.0.1.4"), probe);
        String sandbox = IptablesSave.render(t.ruleset(SwarmServices.sandboxNamespace("node3")).orElseThrow());
        assertTrue(sandbox.contains("-A NETRIG-LB-PREROUTING -p tcp -m tcp --dport 8080 -m addrtype --dst-type LOCAL -m statistic "
                + "--mode nth --every 2 --packet 0 -j DNAT --to-destination 10.0.0.6"), sandbox);
        assertTrue(sandbox.contains("-A NETRIG-LB-POSTROUTING -d 10.0.0.7/32 -p tcp -m tcp -m conntrack --ctstate DNAT -j SNAT --to-source 10.0.0.4"),
                sandbox);
    }
}
