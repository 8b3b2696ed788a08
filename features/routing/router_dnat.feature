Feature: A router's own iptables rules: port forwarding, masquerade and a FORWARD policy
  Literal iptables commands in a spec's commands: section build a plain Linux router: a DNAT in nat PREROUTING
  forwards a port of its outside address to a server on the LAN, a MASQUERADE lets the LAN out, and a FORWARD
  policy of DROP with an allowance for replies and for the forwarded port keeps everything else out.

  Background:
    Given the lab:
      """
      segments: {lan: {}, wan: {}}
      hosts:
        server:
          docker: false
          interfaces: {eth0: {segment: lan, address: 10.0.0.2/24}}
          routes: [{to: default, via: 10.0.0.1}]
          listen: [80, 22]
        router:
          docker: false
          forwarding: true
          interfaces:
            eth0: {segment: lan, address: 10.0.0.1/24}
            eth1: {segment: wan, address: 203.0.113.1/24}
        internet:
          docker: false
          interfaces: {eth0: {segment: wan, address: 203.0.113.9/24}}
          routes: [{to: 10.0.0.0/24, via: 203.0.113.1}]
      commands:
        router: |
          iptables -t nat -A PREROUTING -i eth1 -p tcp --dport 8080 -j DNAT --to-destination 10.0.0.2:80
          iptables -t nat -A POSTROUTING -o eth1 -j MASQUERADE
          iptables -P FORWARD DROP
          iptables -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
          iptables -A FORWARD -d 10.0.0.2/32 -i eth1 -p tcp -m tcp --dport 80 -j ACCEPT
          iptables -A FORWARD -i eth0 -o eth1 -j ACCEPT
      """

  Scenario: The forwarded port reaches the server; the router's own port is closed
    Then internet can connect to 203.0.113.1 on port 8080
    And tcp from internet to 203.0.113.1 port 22 is refused

  Scenario: The LAN goes out through masquerade and the replies come back
    Then server can ping internet

  Scenario: Everything else from outside is dropped by the FORWARD policy
    Then ping from internet to server is dropped in chain FORWARD
    And tcp from internet to server port 22 is dropped in chain FORWARD
    And internet can connect to server on port 80
