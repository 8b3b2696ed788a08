Feature: Host, none and container network modes
  `--network host` runs a container in its host's network namespace: it listens on the host's addresses and its
  published ports are discarded. `--network none` leaves it only a loopback interface. `--network container:NAME`
  shares NAME's namespace, so the two reach each other on localhost and everyone else reaches both at NAME's address.

  Background:
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
        agent: {host: host1, networks: [host], ports: ["8080:80"], listen: [80, 8125/udp]}
        app: {host: host1, listen: [80]}
        sidecar: {network_mode: "container:app", listen: [9090]}
        offline: {host: host1, network_mode: none, listen: [80]}
        client: {host: host1}
      """

  Scenario: A host-mode container listens on the host's own addresses; its -p is ignored
    Then laptop can connect to 10.3.1.45 on port 80
    And udp from laptop to agent port 8125 is ok
    And tcp from laptop to 10.3.1.45 port 8080 is refused
    And agent can ping laptop

  Scenario: A container with no network reaches only itself
    Then offline can connect to offline on port 80
    And ping from offline to 172.17.0.1 is no-route
    And ping from client to 172.17.0.1 is ok

  Scenario: Containers sharing a namespace reach each other's ports, and others reach both at one address
    Then sidecar can connect to app on port 80
    And app can connect to 127.0.0.1 on port 9090
    And client can connect to sidecar on port 9090
    And client can connect to app on port 80
