Feature: Macvlan networks put containers on the host's LAN
  A macvlan network (docker network create -d macvlan -o parent=ens160) gives each container a macvlan
  child of the host's NIC, with its own MAC address on the LAN. Other machines on the LAN reach the
  containers directly and the containers reach each other (bridge mode), but Linux never passes traffic
  between a macvlan child and its parent: the Docker host cannot reach its own macvlan containers, nor they
  the host.

  Background:
    Given the lab:
      """
      segments:
        lan: {}
      hosts:
        host1:
          interfaces: {ens160: {segment: lan, address: 10.3.1.45/24}}
          routes: [{to: default, via: 10.3.1.1}]
        router:
          docker: false
          interfaces: {eth0: {segment: lan, address: 10.3.1.1/24}}
      networks:
        pub_net: {driver: macvlan, parent: ens160, subnet: 10.3.1.0/24, gateway: 10.3.1.1, ip_range: 10.3.1.144/28}
      containers:
        node-1: {networks: [pub_net]}
        node-2: {networks: {pub_net: {ip: 10.3.1.150}}}
      """

  Scenario: Machines on the LAN reach macvlan containers and the containers reach each other
    Then router can ping node-1
    And node-1 can ping router
    And node-1 can ping node-2
    And router can ping host1

  Scenario: The Docker host and its macvlan containers cannot reach each other
    Then host1 cannot ping node-1
    And node-1 cannot ping host1
    And node-2 cannot ping host1

  Scenario: In private mode macvlan siblings cannot reach each other, the LAN still can
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
        pub_net: {driver: macvlan, parent: ens160, macvlan_mode: private, subnet: 10.3.1.0/24, gateway: 10.3.1.1,
                  ip_range: 10.3.1.144/28}
      containers:
        node-1: {networks: [pub_net]}
        node-2: {networks: [pub_net]}
      """
    Then node-1 cannot ping node-2
    And router can ping node-1
    And router can ping node-2

  Scenario: In vepa mode siblings meet only if the switch sends frames back, which a plain switch does not
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
        pub_net: {driver: macvlan, parent: ens160, options: {macvlan_mode: vepa}, subnet: 10.3.1.0/24, gateway: 10.3.1.1,
                  ip_range: 10.3.1.144/28}
      containers:
        node-1: {networks: [pub_net]}
        node-2: {networks: [pub_net]}
      """
    Then node-1 cannot ping node-2
    And node-1 can ping router

  @sim-only @kernel-lacks-dummy
  Scenario: An internal macvlan network ignores its parent and is an island
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
        inner: {driver: macvlan, parent: ens160, internal: true, subnet: 192.168.71.0/24}
      containers:
        node-1: {networks: [inner]}
        node-2: {networks: [inner]}
      """
    Then node-1 can ping node-2
    And node-1 cannot ping router

  Scenario: In passthru mode the one container takes over the parent and reaches the LAN
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
        pub_net: {driver: macvlan, parent: ens160, macvlan_mode: passthru, subnet: 10.3.1.0/24, gateway: 10.3.1.1,
                  ip_range: 10.3.1.144/28}
      containers:
        node-1: {networks: [pub_net]}
      """
    Then router can ping node-1
    And node-1 can ping router
