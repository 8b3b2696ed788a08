package io.netrig.kernel.exec;

import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.net.LinkName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code ip netns exec NS tcpdump -i IFACE -w FILE -U -n [proto]}: the documented capture fallback. */
public final class TcpdumpCommand {
    private TcpdumpCommand() {
    }

    public static Command of(String ns, LinkName iface, Path file, Optional<IpProtocol> protocol) {
        // --immediate-mode: otherwise libpcap hands packets over in blocks, and those still in a block when tcpdump is
        //   stopped are lost (a ping right before stop() would be missing from the file);
        // -Z root: tcpdump would otherwise drop to its own user, which may not write to the lab's work folder
        List<String> argv = new ArrayList<>(List.of("tcpdump", "-i", iface.value(), "-w", file.toString(), "-U", "--immediate-mode",
                "-n", "-Z", "root"));
        protocol.ifPresent(p -> argv.add(p.iptablesName()));
        return new NetnsExec(ns, argv).toCommand();
    }
}
