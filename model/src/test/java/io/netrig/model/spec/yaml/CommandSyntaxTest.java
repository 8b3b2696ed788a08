package io.netrig.model.spec.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.firewall.Target;
import io.netrig.model.spec.HostCommand;
import io.netrig.model.spec.IptablesEdit;
import io.netrig.model.spec.SpecPath;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandSyntaxTest {
    private static HostCommand parse(String text) {
        return CommandSyntax.parse(text, SpecPath.of("commands", "h", "0"));
    }

    @Test
    void netToolsRoutesReadAsTheSameRouteIpWouldAdd() {
        HostCommand.AddRoute net = (HostCommand.AddRoute) parse("route add -net 10.0.129.0 netmask 255.255.255.0 gw 192.168.91.129");
        assertEquals("10.0.129.0/24", net.to().toString());
        assertEquals("192.168.91.129", net.via().orElseThrow().toString());
        HostCommand.AddRoute host = (HostCommand.AddRoute) parse("route add -host 10.9.9.9 dev eth0");
        assertEquals("10.9.9.9/32", host.to().toString());
        assertEquals(Optional.of("eth0"), host.dev());
        HostCommand.AddRoute def = (HostCommand.AddRoute) parse("route add default gw 10.0.0.1");
        assertTrue(def.to().isDefault());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> parse("route add -net 10.0.129.5 netmask 255.255.255.0 gw 10.0.0.1"));
        assertTrue(bad.getMessage().contains("netmask doesn't match route address"), bad.getMessage());
    }

    @Test
    void iptablesTakesTheSeedsAbbreviatedDnatOption() {
        HostCommand.Iptables c = (HostCommand.Iptables) parse(
                "iptables -t nat -I PREROUTING -s 10.0.128.0/24 -d 10.0.129.0/24 -j DNAT --to 10.0.128.1");
        IptablesEdit.Insert insert = (IptablesEdit.Insert) c.edit();
        assertEquals(1, insert.position());
        assertEquals(new Target.Dnat(io.netrig.model.net.Ipv4Address.parse("10.0.128.1"), Optional.empty()), insert.rule().target());
    }
}
