package io.netrig.model.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.IpsecAssociation;
import io.netrig.model.topology.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --opt encrypted}: ESP between each pair of nodes carrying the network, and libnetwork's MTU. */
class EncryptedOverlayLoweringTest {
    private static Topology lower(String networks) {
        return Lowering.lower(YamlSpecLoader.parseValidated("lab.yaml", """
                segments: {underlay: {}}
                hosts:
                  node1: {interfaces: {eth0: {segment: underlay, address: 192.168.50.11/24}}, swarm: manager}
                  node2: {interfaces: {eth0: {segment: underlay, address: 192.168.50.12/24}}, swarm: worker}
                  node3: {interfaces: {eth0: {segment: underlay, address: 192.168.50.13/24}}, swarm: worker}
                networks:
                """ + networks + """
                containers:
                  a: {host: node1, networks: [secret]}
                  b: {host: node2, networks: [secret]}
                  c: {host: node3, networks: [plain]}
                """));
    }

    @Test
    void eachPairOfNodesCarryingTheNetworkGetsMatchingSecurityAssociations() {
        Topology t = lower("""
                  secret: {driver: overlay, attachable: true, encrypted: true}
                  plain: {driver: overlay, attachable: true}
                """);
        List<IpsecAssociation> node1 = t.ipsecIn("node1");
        List<IpsecAssociation> node2 = t.ipsecIn("node2");
        assertEquals(1, node1.size(), "node3 does not carry the encrypted network: " + node1);
        IpsecAssociation out = node1.getFirst();
        IpsecAssociation back = node2.getFirst();
        assertEquals(Ipv4Address.parse("192.168.50.12"), out.remote());
        assertEquals(List.of(4097), out.vnis());
        assertEquals(out.spiOut(), back.spiIn(), "what node1 sends, node2 receives");
        assertEquals(out.keyOut(), back.keyIn());
        assertEquals(back.spiOut(), out.spiIn());
        assertTrue(out.spiOut() != out.spiIn(), "each direction has its own SPI");
        assertTrue(t.ipsecIn("node3").isEmpty());
    }

    @Test
    void anEncryptedNetworkLosesEspsExpansionFromItsMtu() {
        Topology t = lower("""
                  secret: {driver: overlay, attachable: true, options: {encrypted: "", com.docker.network.driver.mtu: 1400}}
                  plain: {driver: overlay, attachable: true}
                """);
        // libnetwork's maxMTU: 1400 - 50 (VXLAN) - 26 (ESP) = 1324, a multiple of 4 already
        assertEquals(1324, t.iface(io.netrig.model.topology.LinkRef.end("a", "eth0")).orElseThrow().mtu());
        assertEquals(1450, t.iface(io.netrig.model.topology.LinkRef.end("c", "eth0")).orElseThrow().mtu());
    }
}
