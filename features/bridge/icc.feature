Feature: Inter-container communication switched off
  With com.docker.network.bridge.enable_icc=false, dockerd installs "-A FORWARD -i br -o br -j DROP" for the
  network's bridge. Bridged traffic goes through iptables because Docker turns bridge-nf-call-iptables on, so
  containers on that bridge cannot reach each other, while traffic to the gateway (the host) is not forwarded
  and still passes.

  Scenario: Two containers on a bridge with ICC off cannot reach each other but both reach their gateway
    Given the lab:
      """
      networks:
        quiet:
          subnet: 172.22.0.0/24
          options: {com.docker.network.bridge.enable_icc: "false"}
      containers:
        q1: {networks: [quiet]}
        q2: {networks: [quiet]}
      """
    Then ping from q1 to q2 is dropped in chain FORWARD
    And ping from q2 to q1 is dropped in chain FORWARD
    And q1 can ping 172.22.0.1
    And q2 can ping 172.22.0.1

  Scenario: The daemon-wide icc=false applies to the default bridge
    Given the lab:
      """
      hosts:
        dockerhost:
          daemon: {icc: false}
      containers:
        c1: {}
        c2: {}
      """
    Then ping from c1 to c2 is dropped in chain FORWARD
    And c1 can ping 172.17.0.1
