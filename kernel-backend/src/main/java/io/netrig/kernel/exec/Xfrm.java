package io.netrig.kernel.exec;

import io.netrig.model.net.Ipv4Address;
import java.util.List;

/** {@code ip xfrm} commands: IPsec security associations in a namespace. */
public final class Xfrm {
    private Xfrm() {
    }

    /**
     * {@code ip -n NS xfrm state add src A dst B proto esp spi SPI reqid 1 mode transport aead rfc4106(gcm(aes)) 0xKEY 64}:
     * the kind of ESP state Docker's overlay driver installs for an encrypted network.
     *
     * @param key 40 hex digits: AES-128 key and the 4-byte salt
     */
    public static Command espStateAdd(String ns, Ipv4Address src, Ipv4Address dst, long spi, String key) {
        return Command.of(List.of("ip", "-n", ns, "xfrm", "state", "add", "src", src.toString(), "dst", dst.toString(), "proto", "esp",
                "spi", "0x" + Long.toHexString(spi), "reqid", "1", "mode", "transport", "aead", "rfc4106(gcm(aes))", "0x" + key, "64"));
    }
}
