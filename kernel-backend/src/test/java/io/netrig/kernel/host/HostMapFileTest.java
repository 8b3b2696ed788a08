package io.netrig.kernel.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostMapFileTest {
    @TempDir
    Path dir;

    @BeforeEach
    void keyFiles() throws IOException {
        Files.writeString(dir.resolve("key"), "not read here");
        Files.writeString(dir.resolve("known_hosts"), "");
    }

    private HostMap parse(String yaml) {
        return HostMapFile.parse("hosts.yaml", yaml, dir);
    }

    private List<String> problems(String yaml) {
        return assertThrows(SpecException.class, () -> parse(yaml)).problems().stream().map(Object::toString).toList();
    }

    @Test
    void readsMachinesWithDefaultsAndTheHostsTheyRun() {
        HostMap map = parse("""
                machines:
                  m1: {address: 192.168.56.11, user: vagrant, key: key, known_hosts: known_hosts, segments: {wan: eth2}}
                  m2: {address: 192.168.56.12, port: 2222, key: key, known_hosts: known_hosts, nic: enp0s8, java: /opt/jdk/bin/java}
                hosts:
                  host1: m1
                  router: m1
                  host2: m2
                """);
        Machine m1 = map.machine("m1").orElseThrow();
        assertEquals("vagrant", m1.ssh().user());
        assertEquals(22, m1.ssh().port());
        assertEquals(dir.resolve("key"), m1.ssh().key());
        assertEquals("eth1", m1.nicFor("lan"));
        assertEquals("eth2", m1.nicFor("wan"));
        assertTrue(m1.needsSudo());
        Machine m2 = map.machine("m2").orElseThrow();
        assertEquals(2222, m2.ssh().port());
        assertEquals("root", m2.ssh().user());
        assertEquals("enp0s8", m2.nicFor("lan"));
        assertEquals("/opt/jdk/bin/java", m2.java());
        assertEquals(".netrig", m2.dir());
        assertEquals(Optional.of(m1), map.machineOf("router"));
        assertEquals(List.of(m1), map.machinesFor(List.of("host1", "router", "elsewhere")));
        assertEquals("nrm2", map.prefixOf(m2, "nr"));
        assertEquals(Optional.empty(), m1.ssh().fromNamespace());
    }

    @Test
    void reportsEveryProblemWithItsPlace() {
        assertEquals(List.of(
                "hosts.yaml:2:3: machine 'm1' has no 'known_hosts'",
                "hosts.yaml:2:43: machine 'm1': port must be a number 1-65535, got '99999'",
                "hosts.yaml:2:50: machine 'm1': unknown key 'users' (expected one of: address, port, user, key, known_hosts, nic, segments, java, dir)",
                "hosts.yaml:3:3: machine 'm2' has no 'address'",
                "hosts.yaml:3:13: machine 'm2': key file " + dir.resolve("nokey") + " does not exist (relative names are taken from the host map's folder " + dir + ")",
                "hosts.yaml:5:10: host 'host1' is mapped to machine 'm3', which 'machines:' does not list (it has: m1, m2)"),
                problems("""
                        machines:
                          m1: {address: 10.0.0.1, key: key, port: 99999, users: root}
                          m2: {key: nokey, known_hosts: known_hosts}
                        hosts:
                          host1: m3
                        """));
    }

    @Test
    void refusesAFileThatIsNotAHostMap() {
        assertEquals(List.of("hosts.yaml:1:1: a host map is a mapping with keys machines, hosts, from_netns"), problems("- m1\n"));
        assertEquals(List.of("hosts.yaml:1:1: the host map has no 'hosts:' (expected spec host name: machine name)"),
                problems("machines: {m1: {address: a, key: key, known_hosts: known_hosts}}\n"));
        assertTrue(problems("machines: {m1: [\n").getFirst().startsWith("hosts.yaml:"), "a syntax error names its place");
    }

    @Test
    void aMissingFileIsNamed() {
        SpecException e = assertThrows(SpecException.class, () -> HostMapFile.load(dir.resolve("nope.yaml")));
        assertEquals(dir.resolve("nope.yaml") + ": the host map file does not exist", e.getMessage());
    }

    @Test
    void aLongPrefixWithManyMachinesIsRefusedByName() {
        HostMap map = parse("""
                machines: {m1: {address: a, key: key, known_hosts: known_hosts}}
                hosts: {h: m1}
                """);
        var e = assertThrows(io.netrig.model.NetrigException.class, () -> map.prefixOf(map.machines().getFirst(), "abcdefg"));
        assertTrue(e.getMessage().contains("'abcdefgm1'"), e.getMessage());
    }

    @Test
    void readsTheHostMapTheVagrantfileWrites() throws IOException {
        Files.createDirectories(dir.resolve(".keys"));
        Files.writeString(dir.resolve(".keys/netrig_client"), "");
        Files.writeString(dir.resolve(".keys/known_hosts"), "");
        HostMap map = parse("""
                # written by lab-vagrant/Vagrantfile (vagrant up); edit machines.yaml instead
                machines:
                  m1: {address: 192.168.56.11, user: vagrant, key: .keys/netrig_client, known_hosts: .keys/known_hosts, nic: eth1, segments: {lan: eth1}}
                  m2: {address: 192.168.56.12, user: vagrant, key: .keys/netrig_client, known_hosts: .keys/known_hosts, nic: eth1, segments: {lan: eth1}}
                hosts:
                  host1: m1
                  host2: m2
                """);
        assertEquals(List.of("m1", "m2"), map.machines().stream().map(Machine::name).toList());
        assertEquals("192.168.56.12", map.machineOf("host2").orElseThrow().ssh().address());
    }
}
