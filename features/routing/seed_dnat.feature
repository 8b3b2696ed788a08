Feature: The seed's direct-routing recipe with a DNAT rule, on three hosts, and what it really does
  The seed's script gives each Docker host its own bip (10.0.128.1/24, 10.0.129.1/24, 10.0.130.1/24), static routes
  to the other hosts' container subnets, and on each host `iptables -t nat -I PREROUTING -s <own subnet> -d <other
  subnet> -j DNAT --to <own bip>`. The containers then "ping each other by IP" — but the DNAT sends every packet from
  a container to the other subnets to its own host's docker0 address, so the host answers the ping and nothing
  crosses the LAN; a TCP connection to the far container's port reaches the local host instead, which refuses it.
  Leave out the `-d` match, as the seed warns against, and the DNAT captures all outbound traffic: pings to the
  internet are answered by the local host, and connections to it are refused.

  Background:
    Given the lab:
      """
      segments: {lan: {}}
      hosts:
        host1:
          interfaces: {ens33: {segment: lan, address: 192.168.91.128/24}}
          routes: [{to: default, via: 192.168.91.2}]
          daemon: {bip: 10.0.128.1/24}
        host2:
          interfaces: {ens33: {segment: lan, address: 192.168.91.129/24}}
          routes: [{to: default, via: 192.168.91.2}]
          daemon: {bip: 10.0.129.1/24}
        host3:
          interfaces: {ens33: {segment: lan, address: 192.168.91.130/24}}
          routes: [{to: default, via: 192.168.91.2}]
          daemon: {bip: 10.0.130.1/24}
        internet:
          docker: false
          interfaces: {eth0: {segment: lan, address: 192.168.91.2/24}}
          listen: [80]
      containers:
        c1: {host: host1, listen: [80]}
        c2: {host: host2, listen: [80]}
        c3: {host: host3, listen: [80]}
      commands:
        host1: |
          route add -net 10.0.129.0/24 gw 192.168.91.129
          route add -net 10.0.130.0/24 gw 192.168.91.130
          iptables -t nat -I PREROUTING -s 10.0.128.0/24 -d 10.0.129.0/24 -j DNAT --to 10.0.128.1
          iptables -t nat -I PREROUTING -s 10.0.128.0/24 -d 10.0.130.0/24 -j DNAT --to 10.0.128.1
        host2: |
          route add -net 10.0.128.0/24 gw 192.168.91.128
          route add -net 10.0.130.0/24 gw 192.168.91.130
          iptables -t nat -I PREROUTING -s 10.0.129.0/24 -d 10.0.128.0/24 -j DNAT --to 10.0.129.1
          iptables -t nat -I PREROUTING -s 10.0.129.0/24 -d 10.0.130.0/24 -j DNAT --to 10.0.129.1
        host3: |
          route add -net 10.0.128.0/24 gw 192.168.91.128
          route add -net 10.0.129.0/24 gw 192.168.91.129
          iptables -t nat -I PREROUTING -s 10.0.130.0/24 -d 10.0.128.0/24 -j DNAT --to 10.0.130.1
          iptables -t nat -I PREROUTING -s 10.0.130.0/24 -d 10.0.129.0/24 -j DNAT --to 10.0.130.1
      """

  Scenario: Every container pings the others by IP, answered by its own host
    When capturing on br0 of segment lan
    Then reachability by ping is:
      | from \ to | 10.0.128.2 | 10.0.129.2 | 10.0.130.2 |
      | c1        | ✓          | ✓          | ✓          |
      | c2        | ✓          | ✓          | ✓          |
      | c3        | ✓          | ✓          | ✓          |
    And the capture on br0 of segment lan did not see an icmp echo request

  Scenario: A connection to the far container's port is refused by the local host
    Then c1 cannot connect to 10.0.129.2 on port 80
    And c2 cannot connect to 10.0.130.2 on port 80
    And c1 can connect to internet on port 80

  Scenario: Without -d the DNAT captures all outbound traffic
    Given the lab:
      """
      segments: {lan: {}}
      hosts:
        host1:
          interfaces: {ens33: {segment: lan, address: 192.168.91.128/24}}
          routes: [{to: default, via: 192.168.91.2}]
          daemon: {bip: 10.0.128.1/24}
        internet:
          docker: false
          interfaces: {eth0: {segment: lan, address: 192.168.91.2/24}}
          listen: [80]
      containers:
        c1: {host: host1, listen: [80]}
      commands:
        host1: |
          iptables -t nat -I PREROUTING -s 10.0.128.0/24 -j DNAT --to 10.0.128.1
      """
    When capturing on br0 of segment lan
    Then c1 can ping internet
    And c1 cannot connect to internet on port 80
    And the capture on br0 of segment lan did not see an icmp echo request
