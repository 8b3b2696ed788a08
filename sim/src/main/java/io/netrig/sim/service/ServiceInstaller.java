package io.netrig.sim.service;

import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.topology.DnsServer;
import io.netrig.model.topology.Listener;
import io.netrig.model.topology.PortProxy;
import io.netrig.model.topology.Service;
import io.netrig.sim.core.Simulator;
import io.netrig.sim.stack.IpStack;
import io.netrig.sim.stack.UdpSocket;

/** Opens the sockets of a topology's services in their namespace's stack. */
public final class ServiceInstaller {
    private ServiceInstaller() {
    }

    /** Opens the service's socket; the returned action closes it again (the process exits). */
    public static Runnable install(Service service, IpStack stack, Simulator sim) {
        return switch (service) {
            case Listener l when l.protocol() == IpProtocol.TCP -> {
                stack.tcp().listen(l.address(), l.port(), () -> AcceptingListener.INSTANCE);
                yield () -> stack.tcp().unlisten(l.address(), l.port());
            }
            case Listener l -> closer(stack.udp().bind(l.address(), l.port(), EchoListener.INSTANCE));
            case PortProxy p when p.protocol() == IpProtocol.TCP -> {
                stack.tcp().listen(p.address(), p.port(), () -> new TcpRelay(stack, p.target(), p.targetPort()).clientSide());
                yield () -> stack.tcp().unlisten(p.address(), p.port());
            }
            case PortProxy p -> closer(stack.udp().bind(p.address(), p.port(), new UdpRelay(stack, p.target(), p.targetPort(), sim::now)));
            case DnsServer d -> closer(stack.udp().bind(d.address(), d.port(), new DnsResponder(d)));
        };
    }

    private static Runnable closer(UdpSocket socket) {
        return socket::close;
    }
}
