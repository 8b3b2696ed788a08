Feature: A spec's own expect: list
  A lab spec can carry its expectations; the catalogue runs the shipped example so that the README's first
  command stays true.

  Scenario: The bridge example's expectations hold
    Given the lab spec "examples/bridge-basics.yaml"
    Then every expectation of the lab holds

  Scenario: The macvlan example's expectations hold
    Given the lab spec "examples/macvlan-lan.yaml"
    Then every expectation of the lab holds

  Scenario: The names-and-shim example's expectations hold
    Given the lab spec "examples/names-and-shim.yaml"
    Then every expectation of the lab holds

  Scenario: The overlay example's expectations hold
    Given the lab spec "examples/overlay.yaml"
    Then every expectation of the lab holds

  Scenario: The swarm services example's expectations hold
    Given the lab spec "examples/swarm-services.yaml"
    Then every expectation of the lab holds
