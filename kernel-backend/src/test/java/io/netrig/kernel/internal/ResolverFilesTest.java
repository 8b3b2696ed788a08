package io.netrig.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netrig.kernel.LabId;
import io.netrig.kernel.TwoNetworksTopology;
import io.netrig.model.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolverFilesTest {
    @TempDir
    Path etc;

    @Test
    void aNamespaceWithoutConfigurationKnowsOnlyLocalhostAndNoNameserver() {
        ResolverFiles.Texts t = ResolverFiles.Texts.of(TwoNetworksTopology.base(), "c2");
        assertEquals("127.0.0.1\tlocalhost\n", t.hosts());
        assertEquals("", t.resolvConf());
    }

    @Test
    void writesTheConfiguredFilesOfANamespace() throws IOException {
        Topology t = TwoNetworksTopology.base();
        ResolverFiles files = new ResolverFiles(etc);
        files.write("nr3fa2-c1", ResolverFiles.Texts.of(t, "c1"));
        assertEquals("127.0.0.1\tlocalhost\n172.18.0.2\tc1 1a2b3c4d5e6f\n", Files.readString(etc.resolve("nr3fa2-c1/hosts")));
        assertEquals("nameserver 127.0.0.11\noptions ndots:0\n", Files.readString(etc.resolve("nr3fa2-c1/resolv.conf")));
        assertEquals(List.of("hosts", "resolv.conf"), Files.list(etc.resolve("nr3fa2-c1")).map(p -> p.getFileName().toString()).sorted().toList());
    }

    @Test
    void removesExactlyTheFoldersOfOneLab() throws IOException {
        ResolverFiles files = new ResolverFiles(etc);
        for (String ns : List.of("nr3fa2-c1", "nr3fa2-c2", "nr3fa20-x", "nr3fa3-c1")) {
            files.write(ns, new ResolverFiles.Texts(ResolverFiles.LOCALHOST_ONLY, ""));
        }
        Files.createDirectories(etc.resolve("someone-else"));
        assertEquals(List.of("nr3fa2-c1", "nr3fa2-c2"), files.removeLab(new LabId("nr", "3fa2")));
        assertEquals(List.of("nr3fa20-x", "nr3fa3-c1", "someone-else"), files.all());
        assertFalse(files.remove("nr3fa2-c1"), "already gone");
    }
}
