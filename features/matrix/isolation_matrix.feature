Feature: Reachability between every pair of containers, as one table
  Docker isolates user-defined bridges from each other (DOCKER-ISOLATION-STAGE-1/2), a container on two networks
  reaches both, and a bridge with inter-container communication off keeps its containers apart. A reachability table
  states all of it at once: rows are senders, columns targets; ✓ reached, ✗ not reached, - not probed.

  Background:
    Given the lab:
      """
      networks:
        frontend: {subnet: 172.20.0.0/24}
        backend: {subnet: 172.21.0.0/24}
        quiet:
          subnet: 172.22.0.0/24
          options: {com.docker.network.bridge.enable_icc: "false"}
      containers:
        web: {networks: [frontend]}
        api: {networks: [frontend, backend], listen: [80]}
        db: {networks: [backend], listen: [5432]}
        q1: {networks: [quiet], listen: [80]}
        q2: {networks: [quiet]}
      """

  Scenario: Two user bridges, a container on both, and an ICC-off bridge
    Then reachability by ping is:
      |     | web | api | db | q1 | q2 |
      | web |  -  |  ✓  | ✗  | ✗  | ✗  |
      | api |  ✓  |  -  | ✓  | ✗  | ✗  |
      | db  |  ✗  |  ✓  | -  | ✗  | ✗  |
      | q1  |  ✗  |  ✗  | ✗  | -  | ✗  |
      | q2  |  ✗  |  ✗  | ✗  | ✗  | -  |

  Scenario: TCP to the listening port follows the same isolation; a closed port refuses
    Then reachability by tcp port 80 is:
      |     | api     | q1      | db      |
      | web | ok      | x       | x       |
      | q2  | x       | dropped | -       |
      | db  | ok      | x       | refused |
