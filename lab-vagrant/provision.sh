#!/usr/bin/env bash
# Runs as root inside each VM (vagrant provision): the packages netrig's agent needs, a JDK 25, the host key netrig's
# known_hosts lists, and netrig's client key for the vagrant user (who runs the agent with sudo -n).
#   provision.sh MACHINE
set -euo pipefail
machine="$1"
keys=/vagrant/.keys
export DEBIAN_FRONTEND=noninteractive

apt-get update -qq
apt-get install -y -qq --no-install-recommends iproute2 iptables tcpdump libpcap0.8 openssh-server ca-certificates wget gpg >/dev/null

# JDK 25: Debian 12 has none; Eclipse Temurin's apt repository does
if ! command -v java >/dev/null || ! java -version 2>&1 | grep -q '"25'; then
  wget -qO - https://packages.adoptium.net/artifactory/api/gpg/key/public | gpg --dearmor > /etc/apt/trusted.gpg.d/adoptium.gpg
  echo "deb https://packages.adoptium.net/artifactory/deb $(. /etc/os-release && echo "$VERSION_CODENAME") main" \
    > /etc/apt/sources.list.d/adoptium.list
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends temurin-25-jdk >/dev/null
fi

# the host key netrig checks (lab-vagrant/.keys/known_hosts); sshd offers only this one, so no other key is ever seen
install -m 600 "$keys/${machine}_host_ecdsa" /etc/ssh/ssh_host_ecdsa_key
install -m 644 "$keys/${machine}_host_ecdsa.pub" /etc/ssh/ssh_host_ecdsa_key.pub
printf 'HostKey /etc/ssh/ssh_host_ecdsa_key\n' > /etc/ssh/sshd_config.d/netrig.conf
systemctl restart ssh

# netrig's client key, for the vagrant user
install -d -m 700 -o vagrant -g vagrant /home/vagrant/.ssh
touch /home/vagrant/.ssh/authorized_keys
grep -qxF "$(cat "$keys/netrig_client.pub")" /home/vagrant/.ssh/authorized_keys || cat "$keys/netrig_client.pub" >> /home/vagrant/.ssh/authorized_keys
chown vagrant:vagrant /home/vagrant/.ssh/authorized_keys
chmod 600 /home/vagrant/.ssh/authorized_keys

# the underlay NICs stay without a default route; netrig's lab namespaces get macvlan children of them
echo "netrig: machine $machine ready: $(java -version 2>&1 | head -1)"
