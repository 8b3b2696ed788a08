Feature: The default bridge docker0 and the options of bridge networks
  dockerd gives docker0 the address bip (172.17.0.1/16 by default) and hands containers addresses in start order
  from fixed-cidr (else the whole bridge subnet), with a MAC derived from the address (02:42 and the four bytes of
  the IPv4 address). A user-defined bridge takes its subnet, gateway, ip-range and aux-addresses from
  docker network create, and its device name and MTU from -o options.

  Scenario: Containers on docker0 get addresses in start order and MACs from their addresses
    Given the lab:
      """
      containers:
        first: {}
        second: {}
      """
    Then first has address 172.17.0.2/16 on eth0
    And second has address 172.17.0.3/16 on eth0
    And first has MAC 02:42:ac:11:00:02 on eth0
    And first has a default route via 172.17.0.1
    And first can ping second
    And second can ping 172.17.0.1

  Scenario: bip, fixed-cidr, mtu and default-gateway of the daemon
    Given the lab:
      """
      segments: {lan: {}}
      hosts:
        host:
          interfaces: {eth0: {segment: lan, address: 10.0.0.2/24}}
          daemon: {bip: 10.10.0.1/24, fixed-cidr: 10.10.0.128/25, mtu: 1400, default-gateway: 10.10.0.1}
        peer:
          docker: false
          interfaces: {eth0: {segment: lan, address: 10.0.0.9/24}}
      containers:
        first: {}
        second: {}
      """
    Then first has address 10.10.0.128/24 on eth0
    And second has address 10.10.0.129/24 on eth0
    And first has MAC 02:42:0a:0a:00:80 on eth0
    And first has MTU 1400 on eth0
    And host has MTU 1400 on docker0
    And first has a default route via 10.10.0.1
    And first can ping 10.10.0.129
    And first can ping peer
    And first can ping 10.10.0.1

  Scenario: ip-range, aux-addresses, bridge name and MTU of a user-defined bridge
    Given the lab:
      """
      networks:
        front:
          subnet: 172.20.0.0/16
          gateway: 172.20.0.254
          ip_range: 172.20.5.0/24
          aux_addresses: {router: 172.20.5.0, printer: 172.20.5.1}
          options: {com.docker.network.bridge.name: br-front, com.docker.network.driver.mtu: "1450"}
      containers:
        web: {networks: [front]}
        api: {networks: [front]}
        fixed: {networks: {front: {ip: 172.20.9.9}}}
      """
    Then web has address 172.20.5.2/16 on eth0
    And api has address 172.20.5.3/16 on eth0
    And host has address 172.20.0.254/16 on br-front
    And web has MTU 1450 on eth0
    And web has a default route via 172.20.0.254
    And web can ping api
    And web can ping fixed
    And fixed can ping 172.20.0.254
