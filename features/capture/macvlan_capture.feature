Feature: A capture on the LAN segment shows macvlan containers with their own MAC addresses
  An underlay segment is a switch (namespace sw-SEGMENT with bridge br0): a capture on its br0 sees every frame on
  that LAN. A macvlan container puts frames on the LAN with its own MAC, Docker's 02:42 followed by its IPv4 address,
  not with the MAC of the host's NIC.

  Background:
    Given the lab:
      """
      segments:
        lan: {}
      hosts:
        host1:
          interfaces: {ens160: {segment: lan, address: 10.3.1.45/24}}
        router:
          docker: false
          interfaces: {eth0: {segment: lan, address: 10.3.1.1/24}}
      networks:
        pub_net: {driver: macvlan, parent: ens160, subnet: 10.3.1.0/24, gateway: 10.3.1.1, ip_range: 10.3.1.144/28}
      containers:
        node-2: {networks: {pub_net: {ip: 10.3.1.150}}}
      """

  Scenario: The router's ping to a macvlan container crosses the LAN with the container's 02:42 MAC
    When capturing on br0 of segment lan
    Then router can ping node-2
    And node-2 has MAC 02:42:0a:03:01:96 on eth0
    And the capture on br0 of segment lan saw an arp who-has node-2 from router
    And the capture on br0 of segment lan saw an arp is-at 02:42:0a:03:01:96
    And the capture on br0 of segment lan saw an icmp echo request from router to node-2
    And the capture on br0 of segment lan saw an icmp echo reply from 02:42:0a:03:01:96
    And the capture on br0 of segment lan saw an icmp echo reply from node-2 to router

  Scenario: The Docker host's own ping to its macvlan container never reaches the LAN as an answered echo
    When capturing on br0 of segment lan
    Then host1 cannot ping node-2
    And the capture on br0 of segment lan did not see an icmp echo reply from node-2
