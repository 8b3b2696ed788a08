package io.netrig.model.render.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.net.MacAddress;
import io.netrig.model.render.inspect.DockerNetwork.Endpoint;
import io.netrig.model.render.inspect.DockerNetwork.IpamConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetworkInspectTest {
    private static final String ID = "ab".repeat(32);

    @Test
    void userNetworkIsPrintedAsDocker2010PrintsIt() {
        IpamConfig config = new IpamConfig(Ipv4Prefix.parse("172.20.0.0/16"), Optional.of(Ipv4Prefix.parse("172.20.5.0/24")),
                Optional.of(Ipv4Address.parse("172.20.0.254")), Map.of("router", Ipv4Address.parse("172.20.5.1")));
        Endpoint web = new Endpoint("cd".repeat(32), "web", "ef".repeat(32), Optional.of(MacAddress.parse("02:42:ac:14:05:02")),
                Optional.of(Ipv4Interface.parse("172.20.5.2/16")));
        DockerNetwork n = new DockerNetwork(ID, "front", "2020-12-08T00:00:01Z", "bridge", true, Optional.of(Map.of()),
                List.of(config), List.of(web), Map.of("com.docker.network.driver.mtu", "1450", "com.docker.network.bridge.enable_icc", "false"));
        assertEquals("""
                [
                    {
                        "Name": "front",
                        "Id": "abababababababababababababababababababababababababababababababab",
                        "Created": "2020-12-08T00:00:01Z",
                        "Scope": "local",
                        "Driver": "bridge",
                        "EnableIPv6": false,
                        "IPAM": {
                            "Driver": "default",
                            "Options": {},
                            "Config": [
                                {
                                    "Subnet": "172.20.0.0/16",
                                    "IPRange": "172.20.5.0/24",
                                    "Gateway": "172.20.0.254",
                                    "AuxiliaryAddresses": {
                                        "router": "172.20.5.1"
                                    }
                                }
                            ]
                        },
                        "Internal": true,
                        "Attachable": false,
                        "Ingress": false,
                        "ConfigFrom": {
                            "Network": ""
                        },
                        "ConfigOnly": false,
                        "Containers": {
                            "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd": {
                                "Name": "web",
                                "EndpointID": "efefefefefefefefefefefefefefefefefefefefefefefefefefefefefefefef",
                                "MacAddress": "02:42:ac:14:05:02",
                                "IPv4Address": "172.20.5.2/16",
                                "IPv6Address": ""
                            }
                        },
                        "Options": {
                            "com.docker.network.bridge.enable_icc": "false",
                            "com.docker.network.driver.mtu": "1450"
                        },
                        "Labels": {}
                    }
                ]
                """, NetworkInspect.render(List.of(n)));
    }

    @Test
    void predefinedNetworkHasNullIpamOptionsAndEmptyConfig() {
        Endpoint h = new Endpoint("12".repeat(32), "monitor", "34".repeat(32), Optional.empty(), Optional.empty());
        DockerNetwork host = new DockerNetwork(ID, "host", "2020-12-08T00:00:00Z", "host", false, Optional.empty(), List.of(),
                List.of(h), Map.of());
        String out = NetworkInspect.render(List.of(host));
        assertEquals("""
                        "IPAM": {
                            "Driver": "default",
                            "Options": null,
                            "Config": []
                        },
                """, section(out, "        \"IPAM\"", "        \"Internal\""));
        assertEquals("""
                        "Containers": {
                            "1212121212121212121212121212121212121212121212121212121212121212": {
                                "Name": "monitor",
                                "EndpointID": "3434343434343434343434343434343434343434343434343434343434343434",
                                "MacAddress": "",
                                "IPv4Address": "",
                                "IPv6Address": ""
                            }
                        },
                        "Options": {},
                        "Labels": {}
                """, section(out, "        \"Containers\"", "    }\n]"));
    }

    @Test
    void containersAreKeyedAndSortedByContainerIdAsGoWritesMaps() {
        Endpoint b = new Endpoint("0b".repeat(32), "zeta", "11".repeat(32), Optional.empty(), Optional.empty());
        Endpoint a = new Endpoint("0a".repeat(32), "alpha", "22".repeat(32), Optional.empty(), Optional.empty());
        DockerNetwork none = new DockerNetwork(ID, "none", "2020-12-08T00:00:00Z", "null", false, Optional.empty(), List.of(),
                List.of(b, a), Map.of());
        String out = NetworkInspect.render(List.of(none));
        assertEquals(true, out.indexOf("\"alpha\"") < out.indexOf("\"zeta\""), out);
    }

    private static String section(String text, String from, String to) {
        int start = text.indexOf(from);
        return text.substring(start, text.indexOf(to, start));
    }
}
