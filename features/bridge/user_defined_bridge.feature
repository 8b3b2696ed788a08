Feature: User-defined bridge networks
  Docker 20.10 puts each user-defined network on its own Linux bridge (br-<id>) on the host. Containers on
  the same network reach each other through the bridge; containers on different networks do not, because
  dockerd's DOCKER-ISOLATION-STAGE-1/2 chains drop traffic that leaves one bridge for another.

  Scenario: Two containers on one user-defined bridge reach each other
    Given the lab:
      """
      networks:
        frontend: {subnet: 172.20.0.0/16}
      containers:
        web: {networks: [frontend]}
        api: {networks: [frontend]}
      """
    Then web can ping api
    And api can ping web
    And web can ping 172.20.0.1

  Scenario: Containers on two different user-defined bridges cannot reach each other
    Given the lab:
      """
      networks:
        frontend: {subnet: 172.20.0.0/16}
        backend: {subnet: 172.21.0.0/16}
      containers:
        web: {networks: [frontend]}
        db: {networks: [backend]}
      """
    Then ping from web to db is dropped in chain DOCKER-ISOLATION-STAGE-2
    And ping from db to web is dropped in chain DOCKER-ISOLATION-STAGE-2
    And host can ping web
    And host can ping db

  Scenario: A container attached to both networks reaches each side
    Given the lab:
      """
      networks:
        frontend: {subnet: 172.20.0.0/16}
        backend: {subnet: 172.21.0.0/16}
      containers:
        proxy: {networks: [frontend, backend]}
        web: {networks: [frontend]}
        db: {networks: [backend]}
      """
    Then proxy can ping web
    And proxy can ping db
    And ping from web to db is dropped in chain DOCKER-ISOLATION-STAGE-2
