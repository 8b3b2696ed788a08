@sim-only @kernel-lacks-ipvlan
Feature: ipvlan networks share the parent's MAC address
  An ipvlan network (docker network create -d ipvlan -o parent=ens160) gives each container an ipvlan child of the
  host's NIC that uses the NIC's own MAC; frames are handed to a child by its IP address. In l2 mode (the default)
  the containers ARP and reach the LAN and each other like macvlan containers, and, as with macvlan, not their own
  host. In l3 mode the containers never ARP: their default route is "dev eth0" and the host routes for them, so LAN
  machines reach them through a route via the host. Without a parent (or with --internal) the network hangs on a
  dummy interface and its containers reach only each other. This machine's kernel has no ipvlan module, so these
  scenarios run on the simulator only.

  Scenario: ipvlan l2 containers reach the LAN and each other but not their host
    Given the lab:
      """
      segments: {lan: {}}
      hosts:
        host1:
          interfaces: {ens160: {segment: lan, address: 10.3.1.45/24}}
        router:
          docker: false
          interfaces: {eth0: {segment: lan, address: 10.3.1.1/24}}
      networks:
        ipnet: {driver: ipvlan, parent: ens160, subnet: 10.3.1.0/24, gateway: 10.3.1.1, ip_range: 10.3.1.160/28}
      containers:
        c1: {networks: [ipnet]}
        c2: {networks: [ipnet]}
      """
    Then router can ping c1
    And c1 can ping router
    And c1 can ping c2
    And host1 cannot ping c1
    And c2 cannot ping host1

  Scenario: ipvlan l3 containers route through their host
    Given the lab:
      """
      segments: {lan: {}}
      hosts:
        host1:
          interfaces: {ens160: {segment: lan, address: 10.3.1.45/24}}
        peer:
          docker: false
          interfaces: {eth0: {segment: lan, address: 10.3.1.20/24}}
          routes: [{to: 192.168.214.0/24, via: 10.3.1.45}]
      networks:
        ipnet: {driver: ipvlan, ipvlan_mode: l3, parent: ens160, subnet: 192.168.214.0/24}
      containers:
        c1: {networks: [ipnet], listen: [80]}
        c2: {networks: [ipnet]}
      """
    Then c1 can ping c2
    And c1 can ping peer
    And peer can ping c1
    And peer can connect to c1 on port 80

  Scenario: ipvlan l3 endpoints in different subnets of one parent reach each other
    Given the lab:
      """
      segments: {lan: {}}
      hosts:
        host1:
          interfaces: {ens160: {segment: lan, address: 10.3.1.45/24}}
      networks:
        ipnet: {driver: ipvlan, ipvlan_mode: l3, parent: ens160, subnet: [192.168.214.0/24, 10.1.214.0/24]}
      containers:
        c1: {networks: {ipnet: {ip: 192.168.214.10}}}
        c2: {networks: {ipnet: {ip: 10.1.214.10}}}
      """
    Then c1 has a default route out of eth0 without a gateway
    And c1 can ping c2
    And c2 can ping c1

  Scenario: An ipvlan network without a parent is an island
    Given the lab:
      """
      segments: {lan: {}}
      hosts:
        host1:
          interfaces: {ens160: {segment: lan, address: 10.3.1.45/24}}
        router:
          docker: false
          interfaces: {eth0: {segment: lan, address: 10.3.1.1/24}}
      networks:
        island: {driver: ipvlan, subnet: 192.168.70.0/24}
      containers:
        c1: {networks: [island]}
        c2: {networks: [island]}
      """
    Then c1 can ping c2
    And c1 cannot ping router
    And router cannot ping c1

  Scenario: An internal ipvlan network ignores its parent
    Given the lab:
      """
      segments: {lan: {}}
      hosts:
        host1:
          interfaces: {ens160: {segment: lan, address: 10.3.1.45/24}}
        router:
          docker: false
          interfaces: {eth0: {segment: lan, address: 10.3.1.1/24}}
      networks:
        inner: {driver: ipvlan, parent: ens160, internal: true, subnet: 10.3.1.0/24, ip_range: 10.3.1.160/28}
      containers:
        c1: {networks: [inner]}
        c2: {networks: [inner]}
      """
    Then c1 can ping c2
    And c1 cannot ping router
    And router cannot ping c1

  Scenario: An ipvlan network on an 802.1q sub-interface reaches only its VLAN
    Given the lab:
      """
      segments: {trunk: {}}
      hosts:
        host1:
          interfaces: {ens160: {segment: trunk}}
        peer10:
          docker: false
          interfaces: {eth0: {segment: trunk}}
        peer20:
          docker: false
          interfaces: {eth0: {segment: trunk}}
      networks:
        v10: {driver: ipvlan, parent: ens160.10, subnet: 192.168.10.0/24, ip_range: 192.168.10.128/25}
      containers:
        c1: {networks: [v10]}
      commands:
        peer10: |
          ip link add link eth0 name eth0.10 type vlan id 10
          ip addr add 192.168.10.50/24 dev eth0.10
        peer20: |
          ip link add link eth0 name eth0.20 type vlan id 20
          ip addr add 192.168.10.60/24 dev eth0.20
      """
    Then c1 can ping peer10
    And peer10 can ping c1
    And c1 cannot ping 192.168.10.60
