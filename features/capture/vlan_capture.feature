@sim-only @kernel-lacks-8021q
Feature: A capture on a trunk shows the 802.1Q tags of macvlan networks on VLAN sub-interfaces
  A macvlan network whose parent is ens160.10 sends its containers' frames tagged with VLAN id 10 on the wire.
  This machine's kernel has no 8021q module, so this runs on the simulator only.

  Scenario: A container on VLAN 10 reaches a LAN peer with frames tagged 10, never 20
    Given the lab:
      """
      segments: {trunk: {}}
      hosts:
        host1:
          interfaces: {ens160: {segment: trunk}}
        peer10:
          docker: false
          interfaces: {eth0: {segment: trunk}}
      networks:
        v10: {driver: macvlan, parent: ens160.10, subnet: 192.168.10.0/24, gateway: 192.168.10.1}
        v20: {driver: macvlan, parent: ens160.20, subnet: 192.168.20.0/24, gateway: 192.168.20.1}
      containers:
        a10: {networks: [v10]}
        a20: {networks: [v20]}
      commands:
        peer10: |
          ip link add link eth0 name eth0.10 type vlan id 10
          ip addr add 192.168.10.50/24 dev eth0.10
      """
    When capturing on br0 of segment trunk
    Then a10 can ping peer10
    And the capture on br0 of segment trunk saw 802.1q vlan 10
    And the capture on br0 of segment trunk saw an icmp echo request from a10 to peer10 in vlan 10
    And the capture on br0 of segment trunk saw an arp who-has peer10 in vlan 10
    And the capture on br0 of segment trunk did not see 802.1q vlan 20
