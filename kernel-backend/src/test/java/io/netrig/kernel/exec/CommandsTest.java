package io.netrig.kernel.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.LinkName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandsTest {
    @Test
    void tcpdumpWritesAFileWithAnOptionalProtocolFilter() {
        Command c = TcpdumpCommand.of("nr0000-host", LinkName.of("br-1"), Path.of("/w/x.pcap"), Optional.of(IpProtocol.ICMP));
        assertEquals(List.of("ip", "netns", "exec", "nr0000-host", "tcpdump", "-i", "br-1", "-w", "/w/x.pcap", "-U", "--immediate-mode", "-n", "-Z", "root", "icmp"), c.argv());
    }

    @Test
    void failureMessageSaysWhatWhereAndWhy() {
        Command c = IpBatch.in("nr0000-h").linkUp(LinkName.of("eth9")).toCommand();
        CommandFailedException e = new CommandFailedException(c, 1, "Cannot find device \"eth9\"\n");
        assertEquals("'ip -n nr0000-h -batch -' in namespace nr0000-h failed with exit code 1: Cannot find device \"eth9\"", e.getMessage());
        assertEquals(Optional.of("nr0000-h"), e.namespace());
    }

    @Test
    void readsNamesFromIpJson() {
        assertEquals(List.of("nr00aa-h", "other"), IpQuery.namespaceNames("[{\"name\":\"nr00aa-h\",\"id\":0},{\"name\":\"other\"}]"));
        assertEquals(List.of(), IpQuery.namespaceNames(""));
        assertEquals(List.of("lo", "eth0"), IpQuery.linkNames("[{\"ifindex\":1,\"ifname\":\"lo\"},{\"ifindex\":2,\"ifname\":\"eth0\"}]"));
    }

    @Test
    void bridgePortFlagsFollowMembership() {
        IpBatch b = IpBatch.in("ns").linkMaster(LinkName.of("v1"), LinkName.of("br0")).bridgePortFlags(LinkName.of("v1"), true, false);
        assertEquals(List.of("link set v1 master br0", "link set v1 type bridge_slave hairpin on isolated off"), b.lines());
        assertTrue(b.toCommand().stdin().orElseThrow().endsWith("\n"));
    }

    @Test
    void theNextHopIsTheGatewayOrTheDestinationOnTheLink() {
        assertEquals(Optional.of(new IpQuery.NextHop(Ipv4Address.parse("10.9.0.5"), "d0")), IpQuery.nextHop(
                "[{\"dst\":\"10.8.1.1\",\"gateway\":\"10.9.0.5\",\"dev\":\"d0\",\"prefsrc\":\"10.9.0.1\",\"flags\":[],\"uid\":0,\"cache\":[]}]"));
        assertEquals(Optional.of(new IpQuery.NextHop(Ipv4Address.parse("10.9.0.77"), "d0")), IpQuery.nextHop(
                "[{\"dst\":\"10.9.0.77\",\"dev\":\"d0\",\"prefsrc\":\"10.9.0.1\",\"flags\":[],\"uid\":0,\"cache\":[]}]"));
        assertEquals(List.of("FAILED"), IpQuery.neighbourStates("[{\"dst\":\"10.9.0.77\",\"state\":[\"FAILED\"]}]"));
        assertEquals(List.of(), IpQuery.neighbourStates("[]"));
        assertEquals(List.of("ip", "-j", "-n", "nr0000-c1", "route", "get", "10.0.0.2"),
                IpQuery.routeGet("nr0000-c1", Ipv4Address.parse("10.0.0.2")).argv());
    }
}
