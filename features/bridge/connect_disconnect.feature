Feature: docker network connect and disconnect change a running container
  Connecting a running container to another network gives it the next interface (eth1, eth2, …) with the first
  free address there; its default route follows libnetwork's gateway endpoint (non-internal networks first, then
  by network name). Disconnecting removes the interface; the other endpoints keep their names and addresses.

  Scenario: A container reaches another network only while it is connected to it
    Given the lab:
      """
      networks:
        zeta: {subnet: 172.30.0.0/16}
        alpha: {subnet: 172.31.0.0/16}
      containers:
        web: {networks: [zeta]}
        cache: {networks: [alpha]}
      """
    Then web cannot ping cache
    And web cannot resolve cache
    When web is connected to network alpha
    Then web can ping cache
    And web resolves cache to 172.31.0.2
    And cache resolves web to 172.31.0.3
    When web is disconnected from network alpha
    Then web cannot ping cache
    And web cannot resolve cache

  Scenario: The default route moves to the gateway endpoint and back
    Given the lab:
      """
      segments: {wan: {}}
      hosts:
        host:
          interfaces: {eth0: {segment: wan, address: 203.0.113.2/24}}
        internet:
          docker: false
          interfaces: {eth0: {segment: wan, address: 203.0.113.1/24}}
          routes: [{to: 172.16.0.0/12, via: 203.0.113.2}]
      networks:
        zeta: {subnet: 172.30.0.0/16}
        alpha: {subnet: 172.31.0.0/16, internal: true}
      containers:
        web: {networks: [zeta]}
      """
    Then web can ping internet
    When web is connected to network alpha with ip 172.31.0.50
    Then web can ping internet
    When web is disconnected from network zeta
    Then web cannot ping internet
    When web is connected to network zeta
    Then web can ping internet

  Scenario: A fixed address and an alias given on connect
    Given the lab:
      """
      networks:
        zeta: {subnet: 172.30.0.0/16}
        alpha: {subnet: 172.31.0.0/16}
      containers:
        web: {networks: [zeta]}
        cache: {networks: [alpha]}
      """
    When web is connected to network alpha with alias store
    Then cache resolves store to 172.31.0.3
    When web is disconnected from network alpha
    And web is connected to network alpha with ip 172.31.0.99
    Then cache can ping 172.31.0.99
    And cache cannot resolve store
