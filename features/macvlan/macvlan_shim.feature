Feature: The macvlan_host shim lets a Docker host reach its own macvlan containers
  Linux passes no traffic between a macvlan child and its parent, so a Docker host cannot reach its macvlan
  containers through its NIC. The usual workaround is a second macvlan interface on the same parent in the host
  ("macvlan_host"), with a route to the containers' range through it. It works only when the source address the
  host picks for that route lies in the macvlan subnet: on a multi-homed host whose shim has no address, Linux
  takes the address of its first interface, and the containers' answers go to the wrong place; `src` fixes it.

  Scenario: Without the shim the host cannot reach its containers; with it, it can
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
        pub_net: {driver: macvlan, parent: ens160, subnet: 10.3.1.0/24, gateway: 10.3.1.1, ip_range: 10.3.1.144/28}
      containers:
        node-1: {networks: {pub_net: {ip: 10.3.1.145}}}
      """
    Then host1 cannot ping node-1
    And router can ping node-1

  Scenario: The seed's shim with its own address in the macvlan subnet
    Given the lab:
      """
      segments: {lan: {}}
      hosts:
        host1:
          interfaces: {ens160: {segment: lan, address: 10.3.1.45/24}}
      networks:
        pub_net: {driver: macvlan, parent: ens160, subnet: 10.3.1.0/24, gateway: 10.3.1.1, ip_range: 10.3.1.144/28}
      containers:
        node-1: {networks: {pub_net: {ip: 10.3.1.145}}}
      commands:
        host1: |
          ip link add macvlan_host link ens160 type macvlan mode bridge
          ip addr add 10.3.1.200/32 dev macvlan_host
          ip link set macvlan_host up
          ip route add 10.3.1.144/28 dev macvlan_host
      """
    Then host1 can ping node-1
    And node-1 can ping 10.3.1.200

  Scenario: On a multi-homed host the route needs src
    Given the lab:
      """
      segments: {mgmt: {}, lan: {}}
      hosts:
        host1:
          interfaces:
            eth0: {segment: mgmt, address: 192.168.0.5/24}
            ens160: {segment: lan, address: 10.3.1.45/24}
        router:
          docker: false
          interfaces: {eth0: {segment: lan, address: 10.3.1.1/24}}
      networks:
        pub_net: {driver: macvlan, parent: ens160, subnet: 10.3.1.0/24, gateway: 10.3.1.1, ip_range: 10.3.1.144/28}
      containers:
        node-1: {networks: {pub_net: {ip: 10.3.1.145}}}
      commands:
        host1:
          - ip link add macvlan_host link ens160 type macvlan mode bridge
          - ip route add 10.3.1.144/28 dev macvlan_host
      """
    Then host1 cannot ping node-1

  Scenario: The same host with an address on the shim and src on its route
    Given the lab:
      """
      segments: {mgmt: {}, lan: {}}
      hosts:
        host1:
          interfaces:
            eth0: {segment: mgmt, address: 192.168.0.5/24}
            ens160: {segment: lan, address: 10.3.1.45/24}
      networks:
        pub_net: {driver: macvlan, parent: ens160, subnet: 10.3.1.0/24, gateway: 10.3.1.1, ip_range: 10.3.1.144/28}
      containers:
        node-1: {networks: {pub_net: {ip: 10.3.1.145}}}
      commands:
        host1:
          - ip link add macvlan_host link ens160 type macvlan mode bridge
          - ip addr add 10.3.1.200/32 dev macvlan_host
          - ip route add 10.3.1.144/28 dev macvlan_host src 10.3.1.200
      """
    Then host1 can ping node-1
