package io.netrig.sim.service;

import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.topology.Listener;
import io.netrig.model.topology.PortProxy;
import io.netrig.model.topology.Service;
import io.netrig.sim.core.Simulator;
import io.netrig.sim.stack.IpStack;

/** Opens the sockets of a topology's services in their namespace's stack. */
public final class ServiceInstaller {
    private ServiceInstaller() {
    }

    public static void install(Service service, IpStack stack, Simulator sim) {
        switch (service) {
            case Listener l when l.protocol() == IpProtocol.TCP -> stack.tcp().listen(l.address(), l.port(), () -> AcceptingListener.INSTANCE);
            case Listener l -> stack.udp().bind(l.address(), l.port(), EchoListener.INSTANCE);
            case PortProxy p when p.protocol() == IpProtocol.TCP ->
                    stack.tcp().listen(p.address(), p.port(), () -> new TcpRelay(stack, p.target(), p.targetPort()).clientSide());
            case PortProxy p -> stack.udp().bind(p.address(), p.port(), new UdpRelay(stack, p.target(), p.targetPort(), sim::now));
        }
    }
}
