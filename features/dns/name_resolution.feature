Feature: Names resolve on user-defined networks, not on the default bridge
  Docker's embedded DNS (nameserver 127.0.0.11 in every container on a user-defined network) answers for the
  containers that share a network with the asker: by container name, by network alias and by short ID, with the
  address on the shared network. Containers on the default bridge have no embedded DNS: only legacy links,
  written into their hosts file, give them names.

  Scenario: Containers find each other by name and alias on a shared user-defined network
    Given the lab:
      """
      networks:
        front: {subnet: 172.20.0.0/16}
        back: {subnet: 172.21.0.0/16}
      containers:
        web: {networks: {front: {}, back: {}}}
        db: {networks: {back: {aliases: [database]}}}
        lonely: {networks: [front]}
      """
    Then web resolves db to 172.21.0.3
    And web resolves database to 172.21.0.3
    And db resolves web to 172.21.0.2
    And web resolves lonely to 172.20.0.3
    And db cannot resolve lonely
    And web cannot resolve nosuchname
    And web resolves localhost to 127.0.0.1

  Scenario: A container may listen on port 53 itself: the embedded DNS sits behind a DNAT
    Given the lab:
      """
      networks:
        front: {subnet: 172.20.0.0/16}
      containers:
        dns: {networks: [front], listen: [53/udp]}
        web: {networks: [front]}
      """
    Then web resolves dns to 172.20.0.2
    And dns resolves web to 172.20.0.3
    And udp from web to dns port 53 is ok

  Scenario: The default bridge has no name resolution except through legacy links
    Given the lab:
      """
      containers:
        db: {}
        web: {links: ["db:database"]}
        tool: {}
      """
    Then web resolves database to 172.17.0.2
    And web resolves db to 172.17.0.2
    And tool cannot resolve db
    And db cannot resolve web

  Scenario: With ICC off, a link opens only the linked container's exposed ports
    Given the lab:
      """
      hosts:
        host: {daemon: {icc: false}}
      containers:
        db: {expose: [5432], listen: [5432, 6379]}
        web: {links: [db]}
        tool: {}
      """
    Then web can connect to db on port 5432
    And tcp from web to db port 6379 is dropped in chain FORWARD
    And tcp from tool to db port 5432 is dropped in chain FORWARD
    And ping from web to db is dropped in chain FORWARD
