package io.netrig.model.render.inspect;

import io.netrig.model.firewall.TableName;
import java.util.List;

/**
 * The text report of {@code netrig inspect}: per host a heading, then one section per command, each headed by the
 * command line ({@code $ docker network ls}) and followed by what that command would print there.
 */
public final class InspectText {
    private InspectText() {
    }

    public static String render(LabInspection inspection) {
        StringBuilder sb = new StringBuilder("# netrig inspect of lab '" + inspection.lab()
                + "': computed from the spec and its lowering, not read from a running host\n");
        for (HostInspection h : inspection.hosts()) {
            sb.append("\n== ").append(h.name()).append(h.docker() ? " (Docker host)" : " (plain machine)").append(" ==\n");
            if (h.docker()) {
                section(sb, "docker network ls", NetworkLs.render(h.networks()));
                for (DockerNetwork n : h.networks()) {
                    section(sb, "docker network inspect " + n.name(), NetworkInspect.render(List.of(n)));
                }
                section(sb, "brctl show", BrctlShow.render(h.bridges()));
            }
            section(sb, "ip addr", IpAddrShow.render(h.links()));
            for (ContainerInspection c : h.containers()) {
                section(sb, "docker exec " + c.name() + " ip addr", IpAddrShow.render(c.links()));
            }
            if (h.showsIptables()) {
                section(sb, "iptables -t nat -S", IptablesRules.render(h.ruleset(), TableName.NAT));
                section(sb, "iptables -S", IptablesRules.render(h.ruleset(), TableName.FILTER));
            }
        }
        return sb.toString();
    }

    private static void section(StringBuilder sb, String command, String output) {
        sb.append("\n$ ").append(command).append('\n').append(output);
    }
}
