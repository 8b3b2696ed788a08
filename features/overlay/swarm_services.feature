Feature: Swarm services: the ingress routing mesh, VIP and DNSRR endpoints, tasks.<service>
  `docker service create --network app -p published=8080,target=80 --replicas 2` puts tasks web.1 and web.2 on the
  nodes. Every swarm node has an ingress sandbox on the ingress network (VNI 4096, 10.0.0.0/24) and on its
  docker_gwbridge; the node's DOCKER-INGRESS chain sends port 8080 there, where IPVS (a nat-table rule set on a kernel
  without IPVS) spreads the connections over the tasks' ingress addresses, and each task redirects 8080 to 80. So the
  port answers on every node, also one that runs no task. A service name resolves to its virtual IP (VIP mode), which
  answers ping and balances connections, or to the task addresses (`--endpoint-mode dnsrr`); `tasks.<service>` to
  every task address.

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
        cache: {networks: [app], replicas: 2, endpoint_mode: dnsrr, listen: [6379]}
      containers:
        probe: {host: node3, networks: [app]}
      """

  Scenario: The routing mesh answers the published port on every node, also one without a task
    Then client can connect to 192.168.50.11 on port 8080
    And client can connect to 192.168.50.12 on port 8080
    And client can connect to 192.168.50.13 on port 8080
    And client cannot connect to 192.168.50.13 on port 80

  Scenario: The routing mesh crosses the underlay inside VXLAN on the ingress network's VNI
    When capturing on br0 of segment underlay
    Then client can connect to 192.168.50.13 on port 8080
    And the capture on br0 of segment underlay saw a vxlan vni 4096 from 192.168.50.13

  Scenario: A service name resolves to its virtual IP, which answers ping and balances connections
    Then probe resolves web to 10.0.1.2
    And probe can ping web
    And probe can connect to web on port 80
    And probe resolves tasks.web to 10.0.1.3
    And probe resolves tasks.web to 10.0.1.4

  Scenario: In dnsrr mode a service name resolves to its tasks, and the tasks answer
    Then probe resolves cache to 10.0.1.5
    And probe resolves cache to 10.0.1.6
    And probe can connect to cache on port 6379
    And probe can ping tasks.cache

  Scenario: Tasks are containers on their nodes, joined by the service's overlay
    Then web.1 can ping web.2
    And web.2 can connect to web.1 on port 80
    And cache.1 can connect to web on port 80
