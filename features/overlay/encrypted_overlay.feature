@sim-only @kernel-lacks-esp
Feature: An encrypted overlay carries ESP on the underlay
  `docker network create -d overlay --opt encrypted` makes the nodes that carry the network exchange its VXLAN inside
  IPsec ESP (transport mode, AES-GCM), and drop plain VXLAN for its VNI; the interfaces lose ESP's 26 bytes of MTU
  (1424). This machine's kernel has no ESP (`ip xfrm state add … proto esp` answers "Requested type not found"), so
  the kernel backend refuses the lab by name and these scenarios run on the simulator only.

  Background:
    Given the lab:
      """
      segments: {underlay: {}}
      hosts:
        node1: {interfaces: {eth0: {segment: underlay, address: 192.168.50.11/24}}, swarm: manager}
        node2: {interfaces: {eth0: {segment: underlay, address: 192.168.50.12/24}}, swarm: worker}
      networks:
        secret: {driver: overlay, attachable: true, options: {encrypted: ""}}
        plain: {driver: overlay, attachable: true}
      containers:
        a: {host: node1, networks: [secret, plain], listen: [80]}
        b: {host: node2, networks: [secret, plain], listen: [80]}
      """

  Scenario: The encrypted network's traffic crosses the underlay as ESP, never as VXLAN
    When capturing on br0 of segment underlay
    Then a can ping 10.0.1.3
    And a can connect to 10.0.1.3 on port 80
    And the capture on br0 of segment underlay saw an esp from 192.168.50.11 to 192.168.50.12
    And the capture on br0 of segment underlay saw an esp from 192.168.50.12 to 192.168.50.11
    And the capture on br0 of segment underlay did not see a vxlan vni 4097

  Scenario: The other overlay between the same nodes stays plain VXLAN
    When capturing on br0 of segment underlay
    Then a can ping 10.0.2.3
    And the capture on br0 of segment underlay saw a vxlan vni 4098 from 192.168.50.11 to 192.168.50.12

  Scenario: The encrypted network's interfaces leave room for ESP
    Then a has MTU 1424 on eth0
    And a has MTU 1450 on eth1
