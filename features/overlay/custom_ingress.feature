Feature: A custom ingress network and a custom docker_gwbridge, as Docker's procedures make them
  `docker network create --driver overlay --ingress --subnet 10.11.0.0/16 --gateway 10.11.0.2 --opt
  com.docker.network.driver.mtu=1200 my-ingress` (after removing the default ingress) makes the routing mesh run on
  that network: the ingress sandboxes and the tasks' ingress endpoints take its addresses and its MTU (libnetwork takes
  the option as the underlay's and subtracts VXLAN's 50 bytes: 1150), and it keeps the swarm's first VNI, 4096. A `docker_gwbridge` created with its own subnet before `docker swarm join` is the one the
  node uses.

  Background:
    Given the lab:
      """
      segments: {underlay: {}}
      hosts:
        node1: {interfaces: {eth0: {segment: underlay, address: 192.168.50.11/24}}, swarm: manager}
        node2: {interfaces: {eth0: {segment: underlay, address: 192.168.50.12/24}}, swarm: worker}
        client:
          docker: false
          interfaces: {eth0: {segment: underlay, address: 192.168.50.9/24}}
      networks:
        my-ingress:
          driver: overlay
          ingress: true
          subnet: 10.11.0.0/16
          gateway: 10.11.0.2
          options: {com.docker.network.driver.mtu: 1200}
        docker_gwbridge:
          host: node2
          subnet: 10.12.0.0/16
          options:
            com.docker.network.bridge.name: docker_gwbridge
            com.docker.network.bridge.enable_icc: "false"
            com.docker.network.bridge.enable_ip_masquerade: "true"
        app: {driver: overlay, attachable: true}
      services:
        web: {networks: [app], replicas: 1, ports: ["published=8080,target=80"], placement: [node1]}
      """

  Scenario: The routing mesh runs on the custom ingress network, with its addresses and MTU
    Then node1.ingress_sbox has address 10.11.0.1/16 on eth0
    And node2.ingress_sbox has address 10.11.0.3/16 on eth0
    And web.1 has address 10.11.0.5/16 on eth0
    And web.1 has MTU 1150 on eth0
    And client can connect to 192.168.50.12 on port 8080
    And client can connect to 192.168.50.11 on port 8080

  Scenario: The mesh's traffic crosses the underlay on VNI 4096
    When capturing on br0 of segment underlay
    Then client can connect to 192.168.50.12 on port 8080
    And the capture on br0 of segment underlay saw a vxlan vni 4096 from 192.168.50.12 to 192.168.50.11

  Scenario: The node with a custom docker_gwbridge uses its subnet
    Then node2.ingress_sbox has address 10.12.0.2/16 on eth1
    And node2.ingress_sbox has a default route via 10.12.0.1
    And node1.ingress_sbox has address 172.18.0.2/16 on eth1
