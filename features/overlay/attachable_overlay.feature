Feature: An attachable overlay network joins containers on different swarm nodes over VXLAN
  docker network create -d overlay --attachable gives every swarm node that runs a container on the network a
  namespace with a bridge br0 and a VXLAN device (VNI 4097 for the first user overlay, UDP 4789). Containers reach
  each other across nodes inside VXLAN packets between the nodes' addresses; the nodes learn the remote containers
  from the swarm (static FDB and neighbour entries), so no ARP for them crosses the underlay. Each container also
  gets an interface on its node's docker_gwbridge, which carries its default route out, with inter-container
  communication off.

  Background:
    Given the lab:
      """
      segments: {underlay: {}}
      hosts:
        node1:
          interfaces: {eth0: {segment: underlay, address: 192.168.50.11/24}}
          routes: [{to: default, via: 192.168.50.1}]
          swarm: manager
        node2:
          interfaces: {eth0: {segment: underlay, address: 192.168.50.12/24}}
          routes: [{to: default, via: 192.168.50.1}]
          swarm: worker
        internet:
          docker: false
          interfaces: {eth0: {segment: underlay, address: 192.168.50.1/24}}
      networks:
        app: {driver: overlay, attachable: true}
      containers:
        a: {host: node1, networks: [app], listen: [80]}
        b: {host: node2, networks: [app], listen: [80]}
        c: {host: node1, networks: [app]}
      """

  Scenario: Containers on two nodes reach each other and resolve each other's names
    Then a can ping b
    And b can ping a
    And a can connect to b on port 80
    And a resolves b to 10.0.1.3
    And b resolves c to 10.0.1.4

  Scenario: On the underlay the traffic is VXLAN with the network's VNI, and no ARP asks for a container
    When capturing on br0 of segment underlay
    Then a can ping b
    And the capture on br0 of segment underlay saw a vxlan vni 4097 from 192.168.50.11 to 192.168.50.12
    And the capture on br0 of segment underlay saw an icmp echo request from a to b
    And the capture on br0 of segment underlay did not see an arp who-has 10.0.1.3

  Scenario: Two containers on one node cannot talk over docker_gwbridge but can over the overlay, and both go out
    Then c can ping a
    And ping from c to 172.18.0.3 is dropped in chain FORWARD
    And a can ping internet
    And c can ping internet

  Scenario: A port an overlay-only container publishes is reached at its node's address, through docker_gwbridge
    Given the lab:
      """
      segments: {underlay: {}}
      hosts:
        node1:
          interfaces: {eth0: {segment: underlay, address: 192.168.50.11/24}}
          swarm: manager
        client:
          docker: false
          interfaces: {eth0: {segment: underlay, address: 192.168.50.9/24}}
      networks:
        app: {driver: overlay, attachable: true}
      containers:
        web: {host: node1, networks: [app], ports: ["8080:80"]}
      """
    Then client can connect to 192.168.50.11 on port 8080
    And tcp from client to 192.168.50.11 port 80 is refused

  Scenario: A firewall that drops UDP 4789 breaks overlay traffic and nothing else
    Given the lab:
      """
      segments: {underlay: {}}
      hosts:
        node1:
          interfaces: {eth0: {segment: underlay, address: 192.168.50.11/24}}
          swarm: manager
        node2:
          interfaces: {eth0: {segment: underlay, address: 192.168.50.12/24}}
          swarm: worker
      networks:
        app: {driver: overlay, attachable: true}
      containers:
        a: {host: node1, networks: [app]}
        b: {host: node2, networks: [app]}
      commands:
        node2: |
          iptables -I INPUT -p udp --dport 4789 -j DROP
      """
    Then ping from a to b is dropped in chain INPUT
    And node1 can ping node2
