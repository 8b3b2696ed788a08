package io.netrig.model.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.SpecException;
import io.netrig.model.render.IptablesSave;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.Topology;
import org.junit.jupiter.api.Test;

/** {@code iptables} lines of {@code commands:}, applied to dockerd's rules or to a plain host's empty tables. */
class IptablesCommandTest {
    private static final String LAB = """
            segments: {lan: {}, wan: {}}
            hosts:
              host1:
                interfaces: {eth0: {segment: lan, address: 10.0.0.2/24}}
              router:
                docker: false
                forwarding: true
                interfaces:
                  eth0: {segment: lan, address: 10.0.0.1/24}
                  eth1: {segment: wan, address: 203.0.113.1/24}
            commands:
              router: |
                iptables -t nat -A PREROUTING -i eth1 -p tcp --dport 8080 -j DNAT --to-destination 10.0.0.2:80
                iptables -t nat -A POSTROUTING -o eth1 -j MASQUERADE
                iptables -N LOGDROP
                iptables -A LOGDROP -j LOG --log-prefix "dropped: "
                iptables -A LOGDROP -j DROP
                iptables -P FORWARD DROP
                iptables -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
                iptables -A FORWARD -d 10.0.0.2/32 -i eth1 -p tcp -m tcp --dport 80 -j ACCEPT
                iptables -A FORWARD -i eth0 -o eth1 -j ACCEPT
                iptables -I FORWARD 1 ! -s 10.0.0.0/24 -i eth0 -j LOGDROP
              host1: |
                iptables -I DOCKER-USER -s 10.0.0.99 -j REJECT --reject-with icmp-host-prohibited
            """;

    private static Topology lower(String yaml) {
        return Lowering.lower(YamlSpecLoader.parseValidated("lab.yaml", yaml));
    }

    @Test
    void aPlainHostGetsTheRulesInOrderAsIptablesSavePrintsThem() {
        String rules = IptablesSave.render(lower(LAB).ruleset("router").orElseThrow());
        assertTrue(rules.contains("""
                *nat
                :PREROUTING ACCEPT [0:0]
                :INPUT ACCEPT [0:0]
                :OUTPUT ACCEPT [0:0]
                :POSTROUTING ACCEPT [0:0]
                -A PREROUTING -i eth1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.0.0.2:80
                -A POSTROUTING -o eth1 -j MASQUERADE
                COMMIT
                """), rules);
        assertTrue(rules.contains("""
                :FORWARD DROP [0:0]
                """), rules);
        assertTrue(rules.contains("""
                -A FORWARD ! -s 10.0.0.0/24 -i eth0 -j LOGDROP
                -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
                -A FORWARD -d 10.0.0.2/32 -i eth1 -p tcp -m tcp --dport 80 -j ACCEPT
                -A FORWARD -i eth0 -o eth1 -j ACCEPT
                -A LOGDROP -j LOG --log-prefix "dropped: "
                -A LOGDROP -j DROP
                """), rules);
    }

    @Test
    void aDockerHostsRulesAreEditedWhereDockerdLeftThem() {
        String rules = IptablesSave.render(lower(LAB).ruleset("host1").orElseThrow());
        assertTrue(rules.contains("-A DOCKER-USER -s 10.0.0.99/32 -j REJECT --reject-with icmp-host-prohibited\n-A DOCKER-USER -j RETURN\n"),
                rules);
    }

    @Test
    void chainsThatDoNotExistThenAreRefusedWithIptablesWordingAtTheLine() {
        SpecException e = assertThrows(SpecException.class, () -> lower(LAB.replace("iptables -N LOGDROP", "iptables -N OTHER")));
        assertTrue(e.getMessage().startsWith("lab.yaml:16:5: host 'router': iptables -A LOGDROP -j LOG --log-prefix \"dropped: \": "
                + "iptables: No chain/target/match by that name."), e.getMessage());
        SpecException big = assertThrows(SpecException.class, () -> lower(LAB.replace("-I FORWARD 1", "-I FORWARD 9")));
        assertTrue(big.getMessage().contains("iptables: Index of insertion too big."), big.getMessage());
        SpecException policy = assertThrows(SpecException.class, () -> lower(LAB.replace("-P FORWARD DROP", "-P LOGDROP DROP")));
        assertTrue(policy.getMessage().contains("iptables: Bad built-in chain name."), policy.getMessage());
    }

    @Test
    void unsupportedOptionsAreNamed() {
        SpecException e = assertThrows(SpecException.class, () -> lower(LAB.replace("iptables -N LOGDROP",
                "iptables -A INPUT -m multiport --dports 80,443 -j ACCEPT")));
        assertTrue(e.getMessage().contains("match module 'multiport' is not supported"), e.getMessage());
        SpecException flush = assertThrows(SpecException.class, () -> lower(LAB.replace("iptables -N LOGDROP", "iptables -F")));
        assertTrue(flush.getMessage().contains("'-F' is not supported"), flush.getMessage());
    }

    @Test
    void redirectIcmpTypeAndNthStatisticReadAsIptablesSavePrintsThem() {
        String rules = IptablesSave.render(lower(LAB.replace("iptables -N LOGDROP\n", """
                iptables -N LOGDROP
                    iptables -t nat -A PREROUTING -p tcp --dport 8080 -j REDIRECT --to-ports 80
                    iptables -t nat -A OUTPUT -d 10.0.0.9 -p icmp --icmp-type echo-request -j DNAT --to-destination 127.0.0.1
                    iptables -t nat -A PREROUTING -p udp -m statistic --mode nth --every 2 --packet 0 -j DNAT --to 10.0.0.2
                """)).ruleset("router").orElseThrow());
        assertTrue(rules.contains("-A PREROUTING -p tcp -m tcp --dport 8080 -j REDIRECT --to-ports 80"), rules);
        assertTrue(rules.contains("-A OUTPUT -d 10.0.0.9/32 -p icmp -m icmp --icmp-type 8 -j DNAT --to-destination 127.0.0.1"), rules);
        assertTrue(rules.contains("-A PREROUTING -p udp -m udp -m statistic --mode nth --every 2 --packet 0 -j DNAT --to-destination 10.0.0.2"),
                rules);
        SpecException random = assertThrows(SpecException.class, () -> lower(LAB.replace("iptables -N LOGDROP",
                "iptables -A INPUT -m statistic --mode random --probability 0.5 -j DROP")));
        assertTrue(random.getMessage().contains("-m statistic --mode random is not supported"), random.getMessage());
    }
}
