package io.netrig.model.render.inspect;

import io.netrig.model.lower.DockerNames;
import io.netrig.model.net.MacAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The identities a real Docker host would make up at random (network, container and endpoint IDs, the bridges' MACs,
 * creation times), derived instead from what the object is, so that the same spec always inspects the same.
 * <p>
 * Network and endpoint IDs are {@link DockerNames#networkId} and {@link DockerNames#endpointId}, so a user network's
 * short ID is the {@code br-<id>} of its bridge and an endpoint ID starts with the 7 hex digits of its
 * {@code veth<id>}, as on a real host where both names come from those IDs.
 */
final class InspectIds {
    /** When every lab's daemon "started": Docker Engine 20.10.0's release day. */
    private static final Instant DAEMON_START = Instant.parse("2020-12-08T00:00:00Z");

    private InspectIds() {
    }

    /** A container's 64-hex ID. */
    static String container(String name) {
        return DockerNames.containerId(name);
    }

    /**
     * When a network was created, as Docker's JSON prints a time (RFC 3339, trailing zeros dropped): the predefined
     * networks when the daemon started, user network {@code n} (1-based, in spec order) {@code n} seconds later.
     */
    static String created(int order) {
        return DateTimeFormatter.ISO_INSTANT.format(DAEMON_START.plusSeconds(order));
    }

    /** libnetwork's GenerateRandomMAC, which dockerd gives its bridges: 02:42 and four random bytes. */
    static MacAddress dockerMac(String seed) {
        byte[] h = digest("mac/" + seed);
        return new MacAddress(0x0242_0000_0000L | Integer.toUnsignedLong(ByteBuffer.wrap(h).getInt()));
    }

    /** The kernel's eth_hw_addr_random, which a veth or NIC gets when nobody sets one: unicast, locally administered. */
    static MacAddress kernelMac(String seed) {
        byte[] h = digest("mac/" + seed);
        h[0] = (byte) (h[0] & 0xfe | 0x02);
        return MacAddress.fromBytes(h, 0);
    }

    private static byte[] digest(String seed) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
