Feature: Captures on a bridge network show what a probe put on the wire
  A capture on an interface of a container or a host records every frame that crosses it, as tcpdump -i would.
  On a user-defined bridge, a ping between two containers shows on the sender's eth0 as the ARP exchange that
  finds the peer, the echo request and the echo reply. Dropped traffic shows where it was sent and is missing
  where it would have arrived.

  Background:
    Given the lab:
      """
      networks:
        frontend: {subnet: 172.20.0.0/24}
        quiet:
          subnet: 172.22.0.0/24
          options: {com.docker.network.bridge.enable_icc: "false"}
      containers:
        web: {networks: {frontend: {ip: 172.20.0.2}}}
        api: {networks: {frontend: {ip: 172.20.0.3}}}
        q1: {networks: [quiet]}
        q2: {networks: [quiet]}
      """

  Scenario: A ping between two containers is an ARP exchange, an echo request and an echo reply on eth0
    When capturing on eth0 of web
    And capturing on eth0 of api
    Then web can ping api
    And the capture on eth0 of web saw an arp who-has api from web
    And the capture on eth0 of web saw an arp is-at 02:42:ac:14:00:03 from api
    And the capture on eth0 of web saw an icmp echo request from web to api
    And the capture on eth0 of web saw an icmp echo reply from api to web
    And the capture on eth0 of api saw an icmp echo request from 02:42:ac:14:00:02 to 02:42:ac:14:00:03
    And the capture on eth0 of web did not see tcp

  Scenario: A container asks for its gateway's MAC before it sends to the gateway
    When capturing on eth0 of web
    Then web can ping 172.20.0.1
    And the capture on eth0 of web saw an arp who-has 172.20.0.1 from web
    And the capture on eth0 of web saw an icmp echo reply from 172.20.0.1 to web
    And the capture on eth0 of web did not see an icmp echo request to api

  Scenario: With ICC off the echo request leaves the sender but never reaches the peer
    When capturing on eth0 of q1
    And capturing on eth0 of q2
    Then ping from q1 to q2 is dropped in chain FORWARD
    And the capture on eth0 of q1 saw an icmp echo request from q1 to q2
    And the capture on eth0 of q1 did not see an icmp echo reply
    And the capture on eth0 of q2 did not see icmp from q1

  Scenario: The default bridge carries the frames between its containers
    Given the lab:
      """
      containers:
        c1: {}
        c2: {}
      """
    When capturing on docker0 of host
    Then c1 can ping c2
    And the capture on docker0 of host saw an icmp echo request from c1 to c2
    And the capture on docker0 of host saw an icmp echo reply from c2 to c1
