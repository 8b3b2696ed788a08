@sim-only @kernel-lacks-8021q
Feature: 802.1q trunk parents put macvlan networks on separate VLANs
  A macvlan network whose parent is written ens160.10 creates the VLAN sub-interface ens160.10 (tagged frames with
  VLAN id 10 on the wire) and hangs its containers on it. Containers on VLAN 10 and VLAN 20 share one cable but not
  a broadcast domain: they reach each other only through a router that has a leg in both VLANs. This machine's
  kernel has no 8021q module, so these scenarios run on the simulator only.

  Background:
    Given the lab:
      """
      segments: {trunk: {}}
      hosts:
        host1:
          interfaces: {ens160: {segment: trunk}}
        router:
          docker: false
          forwarding: true
          interfaces: {eth0: {segment: trunk}}
        peer10:
          docker: false
          interfaces: {eth0: {segment: trunk}}
      networks:
        v10: {driver: macvlan, parent: ens160.10, subnet: 192.168.10.0/24, gateway: 192.168.10.1}
        v20: {driver: macvlan, parent: ens160.20, subnet: 192.168.20.0/24, gateway: 192.168.20.1}
      containers:
        a10: {networks: [v10]}
        b10: {networks: [v10]}
        a20: {networks: [v20]}
      commands:
        router: |
          ip link add link eth0 name eth0.10 type vlan id 10
          ip addr add 192.168.10.1/24 dev eth0.10
          ip link add link eth0 name eth0.20 type vlan id 20
          ip addr add 192.168.20.1/24 dev eth0.20
        peer10: |
          ip link add link eth0 name eth0.10 type vlan id 10
          ip addr add 192.168.10.50/24 dev eth0.10
          ip route add default via 192.168.10.1
      """

  Scenario: Containers on one VLAN reach each other and the VLAN's other machines
    Then a10 can ping b10
    And a10 can ping peer10
    And peer10 can ping b10

  Scenario: Containers on two VLANs meet only through the router
    Then a10 can ping 192.168.10.1
    And a20 can ping 192.168.20.1
    And a10 can ping a20

  Scenario: One subnet on two VLANs is two broadcast domains
    Given the lab:
      """
      segments: {trunk: {}}
      hosts:
        host1:
          interfaces: {ens160: {segment: trunk}}
        host2:
          interfaces: {ens160: {segment: trunk}}
      networks:
        left: {driver: macvlan, host: host1, parent: ens160.10, subnet: 192.168.10.0/24, ip_range: 192.168.10.0/25}
        right: {driver: macvlan, host: host2, parent: ens160.20, subnet: 192.168.10.0/24, ip_range: 192.168.10.128/25}
      containers:
        a: {host: host1, networks: [left]}
        b: {host: host2, networks: [right]}
      """
    Then a cannot ping b
    And b cannot ping a

  Scenario: The same subnet on the same VLAN across two hosts is one broadcast domain
    Given the lab:
      """
      segments: {trunk: {}}
      hosts:
        host1:
          interfaces: {ens160: {segment: trunk}}
        host2:
          interfaces: {ens160: {segment: trunk}}
      networks:
        left: {driver: macvlan, host: host1, parent: ens160.10, subnet: 192.168.10.0/24, ip_range: 192.168.10.0/25}
        right: {driver: macvlan, host: host2, parent: ens160.10, subnet: 192.168.10.0/24, ip_range: 192.168.10.128/25}
      containers:
        a: {host: host1, networks: [left]}
        b: {host: host2, networks: [right]}
      """
    Then a can ping b
    And b can ping a
