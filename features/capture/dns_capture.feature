Feature: Name lookups on a user-defined network are DNS queries on the container's loopback
  A container on a user-defined network asks Docker's embedded DNS at 127.0.0.11, inside its own namespace: the
  query and the answer cross its lo (behind a DNAT to the resolver's real port), and nothing of the lookup leaves
  through eth0.

  # The kernel backend refuses captures on lo (Lab.capture accepts only the topology's links, and lo is none):
  # reported to the lead; the simulator captures lo as tcpdump -i lo does.
  @sim-only @kernel-cannot-capture-lo
  Scenario: A lookup of a neighbour's name is a DNS query and answer on lo, and nothing on eth0
    Given the lab:
      """
      networks:
        frontend: {subnet: 172.20.0.0/24}
      containers:
        web: {networks: [frontend]}
        api: {networks: [frontend]}
      """
    When capturing on lo of web
    And capturing on eth0 of web
    Then web resolves api
    And the capture on lo of web saw a dns query for api
    And the capture on lo of web saw a dns answer for api
    And the capture on eth0 of web did not see a dns query for api
