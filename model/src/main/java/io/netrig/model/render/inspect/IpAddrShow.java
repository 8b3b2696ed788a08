package io.netrig.model.render.inspect;

import io.netrig.model.render.inspect.IpLink.IpAddr;
import java.util.List;

/**
 * {@code ip addr show} as iproute2 prints it: per interface the index, name ({@code @peer}), flags, mtu, qdisc, master,
 * state, group and qlen (each field followed by a space, qlen only when not 0), the link-layer line, then each IPv4
 * address with its lifetimes. netrig models IPv4 only, so no {@code inet6} lines are printed.
 */
final class IpAddrShow {
    private IpAddrShow() {
    }

    static String render(List<IpLink> links) {
        StringBuilder sb = new StringBuilder();
        for (IpLink l : links) {
            sb.append(l.index()).append(": ").append(l.name());
            if (l.linkIndex().isPresent()) {
                sb.append("@if").append(l.linkIndex().getAsInt());
            } else {
                l.linkName().ifPresent(n -> sb.append('@').append(n));
            }
            sb.append(": <").append(String.join(",", l.flags())).append("> mtu ").append(l.mtu()).append(" qdisc ").append(l.qdisc())
                    .append(' ');
            l.master().ifPresent(m -> sb.append("master ").append(m).append(' '));
            sb.append("state ").append(l.state()).append(" group default ");
            if (l.qlen() != 0) {
                sb.append("qlen ").append(l.qlen());
            }
            sb.append("\n    link/").append(l.linkType()).append(' ').append(l.address()).append(" brd ").append(l.broadcast());
            l.linkNetnsid().ifPresent(id -> sb.append(" link-netnsid ").append(id));
            sb.append('\n');
            for (IpAddr a : l.addresses()) {
                sb.append("    inet ").append(a.address()).append(' ');
                a.broadcast().ifPresent(b -> sb.append("brd ").append(b).append(' '));
                sb.append("scope ").append(a.scope()).append(' ').append(a.label()).append('\n');
                sb.append("       valid_lft forever preferred_lft forever\n");
            }
        }
        return sb.toString();
    }
}
