package io.netrig.model.lower;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The names Docker gives kernel objects, made deterministic: where dockerd uses random IDs ({@code br-<id>},
 * {@code veth<random>}), netrig derives the hex from a hash of what the object is, so the same spec always lowers to
 * the same names.
 */
public final class DockerNames {
    public static final String DEFAULT_BRIDGE_DEVICE = "docker0";

    private DockerNames() {
    }

    /** {@code br-} and 12 hex digits, as Docker names a user-defined bridge after its network ID. */
    public static String bridge(String host, String network) {
        return "br-" + networkId(host, network).substring(0, 12);
    }

    /** {@code veth} and 7 hex digits, the host side of a container's endpoint. */
    public static String hostVeth(String container, String network) {
        return "veth" + endpointId(container, network).substring(0, 7);
    }

    /** A network's 64-hex ID (random on a real host); its first 12 digits name its bridge. */
    public static String networkId(String host, String network) {
        return hex("network/" + host + "/" + network, 64);
    }

    /** A container's 64-hex ID (random on a real host); its first 12 digits are its hostname and short ID. */
    public static String containerId(String container) {
        return hex("container/" + container, 64);
    }

    /** An endpoint's 64-hex ID; its first 7 digits name the host side of its veth. */
    public static String endpointId(String container, String network) {
        return hex("endpoint/" + container + "/" + network, 64);
    }

    /** The host-side name of a network that lives on every swarm node: its ID does not depend on the host. */
    public static final String SWARM = "swarm";

    /**
     * The namespace of overlay network {@code network} on Docker host {@code host}: Docker names it {@code 1-} and the
     * first 10 digits of the network ID; netrig puts the host in front, since every host of a lab shares one namespace
     * list.
     */
    public static String overlayNamespace(String host, String network) {
        return host + ".1-" + networkId(SWARM, network).substring(0, 10);
    }

    /**
     * The SPI of the ESP security association from node {@code from} to node {@code to}: a swarm derives it from its
     * random data-path keys; netrig from the two node names, so that runs repeat (never below 256, which IPsec reserves).
     */
    public static long ipsecSpi(String from, String to) {
        return Math.max(0x100L, Long.parseLong(hex("spi/" + from + "/" + to, 8), 16));
    }

    /** The 20-byte {@code rfc4106(gcm(aes))} key (AES-128 and salt) of the association from {@code from} to {@code to}. */
    public static String ipsecKey(String from, String to) {
        return hex("key/" + from + "/" + to, 40);
    }

    /** The namespace that stands for an underlay segment (a switch). */
    public static String segmentNamespace(String segment) {
        return "sw-" + segment;
    }

    private static String hex(String seed, int digits) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, digits);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
