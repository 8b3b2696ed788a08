Feature: Outbound NAT
  A container reaches machines beyond its host because dockerd masquerades traffic that leaves a bridge
  (`-s SUBNET ! -o BRIDGE -j MASQUERADE`): the far side sees the host's address and answers it, and conntrack
  un-NATs the reply back to the container. Without masquerading the far side sees a 172.x source it has no route
  to, and nothing comes back.

  Background:
    Given the lab spec "examples/outbound-nat.yaml"

  Scenario: Containers reach the internet through the host's uplink and the replies come back
    Then web can ping 8.8.8.8
    And web can connect to 8.8.8.8 on port 80
    And udp from web to 8.8.8.8 port 53 is ok

  Scenario: Without masquerading the internet's replies never come back
    Then ping from raw to 8.8.8.8 is timeout
    And tcp from raw to 8.8.8.8 port 80 is timeout

  Scenario: The default route follows the gateway endpoint that libnetwork sorts first, by network name
    Then dual can ping 172.31.0.1
    And ping from dual to 8.8.8.8 is timeout
