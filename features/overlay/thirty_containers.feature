Feature: A three-node overlay with thirty containers
  Thirty attachable-overlay containers spread over three swarm nodes reach each other, all pairs, by the addresses
  the swarm gave them: 870 pings, across nodes inside VXLAN, on one node through br0 of the network's namespace.

  Scenario: All pairs of thirty containers on three nodes ping each other
    Given the lab:
      """
      segments: {underlay: {}}
      hosts:
        node1: {interfaces: {eth0: {segment: underlay, address: 192.168.60.11/24}}, swarm: manager}
        node2: {interfaces: {eth0: {segment: underlay, address: 192.168.60.12/24}}, swarm: worker}
        node3: {interfaces: {eth0: {segment: underlay, address: 192.168.60.13/24}}, swarm: worker}
      networks:
        mesh: {driver: overlay, attachable: true, subnet: 10.30.0.0/24}
      containers:
        c01: {host: node1, networks: [mesh]}
        c02: {host: node2, networks: [mesh]}
        c03: {host: node3, networks: [mesh]}
        c04: {host: node1, networks: [mesh]}
        c05: {host: node2, networks: [mesh]}
        c06: {host: node3, networks: [mesh]}
        c07: {host: node1, networks: [mesh]}
        c08: {host: node2, networks: [mesh]}
        c09: {host: node3, networks: [mesh]}
        c10: {host: node1, networks: [mesh]}
        c11: {host: node2, networks: [mesh]}
        c12: {host: node3, networks: [mesh]}
        c13: {host: node1, networks: [mesh]}
        c14: {host: node2, networks: [mesh]}
        c15: {host: node3, networks: [mesh]}
        c16: {host: node1, networks: [mesh]}
        c17: {host: node2, networks: [mesh]}
        c18: {host: node3, networks: [mesh]}
        c19: {host: node1, networks: [mesh]}
        c20: {host: node2, networks: [mesh]}
        c21: {host: node3, networks: [mesh]}
        c22: {host: node1, networks: [mesh]}
        c23: {host: node2, networks: [mesh]}
        c24: {host: node3, networks: [mesh]}
        c25: {host: node1, networks: [mesh]}
        c26: {host: node2, networks: [mesh]}
        c27: {host: node3, networks: [mesh]}
        c28: {host: node1, networks: [mesh]}
        c29: {host: node2, networks: [mesh]}
        c30: {host: node3, networks: [mesh]}
      """
    Then every container can ping every other container
