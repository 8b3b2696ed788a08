Feature: Internal networks
  An --internal network reaches nothing outside its subnet. Docker 20.10 keeps the container's default route
  via the gateway and drops such traffic in DOCKER-ISOLATION-STAGE-1, so a ping out of the subnet is lost
  (not "network unreachable"), while containers inside the network still reach each other. A container on an
  ordinary network reaches the same outside host through the host's masquerade.

  Background:
    Given the lab:
      """
      segments:
        lan: {}
      hosts:
        dockerhost:
          interfaces: {eth0: {segment: lan, address: 10.0.0.2/24}}
          routes: [{to: default, via: 10.0.0.1}]
        internet:
          docker: false
          interfaces: {eth0: {segment: lan, address: 10.0.0.1/24}}
      networks:
        secret: {subnet: 172.23.0.0/24, internal: true}
        public: {subnet: 172.24.0.0/24}
      containers:
        vault: {networks: [secret]}
        peer: {networks: [secret]}
        web: {networks: [public]}
      """

  Scenario: Containers inside an internal network reach each other
    Then vault can ping peer
    And peer can ping vault

  Scenario: A container on an internal network reaches nothing outside its subnet
    Then ping from vault to internet is dropped in chain DOCKER-ISOLATION-STAGE-1
    And ping from vault to web is dropped in chain DOCKER-ISOLATION-STAGE-1
    And ping from web to vault is dropped in chain DOCKER-ISOLATION-STAGE-1

  Scenario: A container on an ordinary network reaches the outside through masquerade
    Then web can ping internet
    And dockerhost can ping internet
