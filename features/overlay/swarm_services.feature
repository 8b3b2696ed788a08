@wip
Feature: Swarm services: the ingress routing mesh, VIP and DNSRR endpoints, encrypted overlays
  Waiting for swarm services to be lowered (issue 6): `docker service create --network N -p published=8080,target=80
  --replicas 3` puts tasks on the nodes; the ingress network's routing mesh answers port 8080 on every node, also on
  a node that runs no task, and spreads requests over the tasks; a service name resolves to its virtual IP (VIP
  mode) or to the task addresses (`--endpoint-mode dnsrr`), and `tasks.<service>` to every task address; with
  `--opt encrypted` the underlay carries ESP instead of VXLAN payloads. The spec keys below are a draft, not part of
  docs/spec.md yet.

  Background:
    Given the lab:
      """
      segments: {underlay: {}}
      hosts:
        node1: {interfaces: {eth0: {segment: underlay, address: 192.168.50.11/24}}, swarm: manager}
        node2: {interfaces: {eth0: {segment: underlay, address: 192.168.50.12/24}}, swarm: worker}
        node3: {interfaces: {eth0: {segment: underlay, address: 192.168.50.13/24}}, swarm: worker}
        client:
          docker: false
          interfaces: {eth0: {segment: underlay, address: 192.168.50.9/24}}
      networks:
        app: {driver: overlay, attachable: true}
      services:
        web: {networks: [app], replicas: 2, ports: ["published=8080,target=80"], placement: [node1, node2]}
      containers:
        probe: {host: node1, networks: [app]}
      """

  Scenario: The routing mesh answers the published port on every node, also one without a task
    Then client can connect to 192.168.50.11 on port 8080
    And client can connect to 192.168.50.13 on port 8080

  Scenario: A service name resolves to its virtual IP, tasks.<service> to every task
    Then probe resolves web
    And probe resolves tasks.web

  Scenario: An encrypted overlay carries ESP on the underlay
    When capturing on br0 of segment underlay
    Then probe can ping web
    And the capture on br0 of segment underlay did not see a vxlan
