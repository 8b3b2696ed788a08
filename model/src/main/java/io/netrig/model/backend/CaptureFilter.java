package io.netrig.model.backend;

import io.netrig.model.firewall.IpProtocol;
import java.util.Objects;
import java.util.Optional;

/** Which packets a capture keeps: all, or one IP protocol. */
public record CaptureFilter(Optional<IpProtocol> protocol) {
    public static final CaptureFilter ALL = new CaptureFilter(Optional.empty());

    public CaptureFilter {
        Objects.requireNonNull(protocol, "protocol");
    }

    public static CaptureFilter of(IpProtocol protocol) {
        return new CaptureFilter(Optional.of(protocol));
    }
}
