Feature: Published ports
  `docker run -p 8080:80` makes dockerd add a DNAT in nat/DOCKER (reached from PREROUTING and OUTPUT for local
  destination addresses), an ACCEPT in filter/DOCKER for the forwarded connection, and a docker-proxy listening on
  the host port. The DNAT skips traffic that comes from a Docker bridge, so containers and the host itself reach a
  published port through the proxy; with `userland-proxy: false` there is no proxy and the same connections are
  hairpinned through NAT instead.

  Scenario: A machine on the LAN reaches the published port at the host's address, not the container's
    Given the lab:
      """
      segments: {lan: }
      hosts:
        host1:
          interfaces: {eth0: {segment: lan, address: 10.3.1.45/24}}
        laptop:
          docker: false
          interfaces: {eth0: {segment: lan, address: 10.3.1.50/24}}
      containers:
        web: {host: host1, ports: ["8080:80", "5353:53/udp"]}
      """
    Then laptop can connect to 10.3.1.45 on port 8080
    And udp from laptop to 10.3.1.45 port 5353 is ok
    And tcp from laptop to 10.3.1.45 port 8081 is refused
    And tcp from laptop to 172.17.0.2 port 80 is no-route

  Scenario: Containers and the host itself reach a published port through docker-proxy
    Given the lab:
      """
      segments: {lan: }
      hosts:
        host1:
          interfaces: {eth0: {segment: lan, address: 10.3.1.45/24}}
      networks:
        other: {subnet: 172.30.0.0/24}
      containers:
        web: {ports: ["8080:80"]}
        neighbour: {}
        stranger: {networks: [other]}
      """
    Then neighbour can connect to 10.3.1.45 on port 8080
    And stranger can connect to 10.3.1.45 on port 8080
    And web can connect to 10.3.1.45 on port 8080
    And host1 can connect to 127.0.0.1 on port 8080
    And host1 can connect to 10.3.1.45 on port 8080
    And tcp from stranger to web port 80 is dropped in chain DOCKER-ISOLATION-STAGE-2

  Scenario: With userland-proxy off, hairpin NAT carries the same connections
    Given the lab:
      """
      segments: {lan: }
      hosts:
        host1:
          interfaces: {eth0: {segment: lan, address: 10.3.1.45/24}}
          daemon: {userland-proxy: false}
        laptop:
          docker: false
          interfaces: {eth0: {segment: lan, address: 10.3.1.50/24}}
      containers:
        web: {host: host1, ports: ["8080:80"]}
        neighbour: {host: host1}
      """
    Then laptop can connect to 10.3.1.45 on port 8080
    And neighbour can connect to 10.3.1.45 on port 8080
    And web can connect to 10.3.1.45 on port 8080
    And host1 can connect to 10.3.1.45 on port 8080
    And host1 can connect to 127.0.0.1 on port 8080

  Scenario: A port published on one host address is reached there only
    Given the lab:
      """
      segments: {lan: }
      hosts:
        host1:
          interfaces: {eth0: {segment: lan, address: 10.3.1.45/24}}
        laptop:
          docker: false
          interfaces: {eth0: {segment: lan, address: 10.3.1.50/24}}
      containers:
        admin: {host: host1, ports: ["127.0.0.1:9000:9000"]}
      """
    Then host1 can connect to 127.0.0.1 on port 9000
    And tcp from laptop to 10.3.1.45 port 9000 is refused

  Scenario: ICC off does not stop the published port from outside
    Given the lab:
      """
      segments: {lan: }
      hosts:
        host1:
          interfaces: {eth0: {segment: lan, address: 10.3.1.45/24}}
        laptop:
          docker: false
          interfaces: {eth0: {segment: lan, address: 10.3.1.50/24}}
      networks:
        quiet:
          subnet: 172.22.0.0/24
          options: {com.docker.network.bridge.enable_icc: "false"}
      containers:
        api: {host: host1, networks: [quiet], ports: ["8080:80"]}
        peer: {host: host1, networks: [quiet]}
      """
    Then laptop can connect to 10.3.1.45 on port 8080
    And tcp from peer to api port 80 is dropped in chain FORWARD
