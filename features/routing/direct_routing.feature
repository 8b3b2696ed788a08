Feature: Direct routing between Docker hosts without an overlay
  Two Docker hosts on one LAN, each with its own bip (10.0.128.1/24 and 10.0.129.1/24), and static routes that send
  the other host's container subnet to that host (net-tools' route add, as the seed writes them). The routes alone
  are not enough with Docker 20.10: dockerd set the FORWARD policy to DROP, and its own rules accept only replies
  and published ports into docker0, so the receiving host drops new connections from the other host's containers.
  A rule in DOCKER-USER lets them in; the sending host still masquerades them (its MASQUERADE covers every
  destination outside docker0), so the far container sees the other host's LAN address.

  Background:
    Given the lab:
      """
      segments: {lan: {}}
      hosts:
        host1:
          interfaces: {ens33: {segment: lan, address: 192.168.91.128/24}}
          daemon: {bip: 10.0.128.1/24}
        host2:
          interfaces: {ens33: {segment: lan, address: 192.168.91.129/24}}
          daemon: {bip: 10.0.129.1/24}
      containers:
        c1: {host: host1, listen: [80]}
        c2: {host: host2, listen: [80]}
      commands:
        host1: |
          route add -net 10.0.129.0 netmask 255.255.255.0 gw 192.168.91.129
        host2: |
          route add -net 10.0.128.0/24 gw 192.168.91.128
      """

  Scenario: Static routes alone: the receiving host's FORWARD policy drops the other host's containers
    Then ping from c1 to 10.0.129.2 is dropped in chain FORWARD
    And ping from c2 to 10.0.128.2 is dropped in chain FORWARD
    And c1 can ping 192.168.91.129

  Scenario: With DOCKER-USER rules on both hosts the containers reach each other by IP
    Given the lab:
      """
      segments: {lan: {}}
      hosts:
        host1:
          interfaces: {ens33: {segment: lan, address: 192.168.91.128/24}}
          daemon: {bip: 10.0.128.1/24}
        host2:
          interfaces: {ens33: {segment: lan, address: 192.168.91.129/24}}
          daemon: {bip: 10.0.129.1/24}
      containers:
        c1: {host: host1, listen: [80]}
        c2: {host: host2, listen: [80]}
      commands:
        host1: |
          route add -net 10.0.129.0 netmask 255.255.255.0 gw 192.168.91.129
          iptables -I DOCKER-USER -i ens33 -o docker0 -d 10.0.128.0/24 -j ACCEPT
        host2: |
          route add -net 10.0.128.0/24 gw 192.168.91.128
          iptables -I DOCKER-USER -i ens33 -o docker0 -d 10.0.129.0/24 -j ACCEPT
      """
    Then c1 can ping 10.0.129.2
    And c2 can ping 10.0.128.2
    And c1 can connect to 10.0.129.2 on port 80
