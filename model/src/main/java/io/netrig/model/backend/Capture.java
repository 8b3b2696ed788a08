package io.netrig.model.backend;

import io.netrig.model.topology.LinkRef;
import java.nio.file.Path;

/** A running packet capture on one interface of a lab. */
public interface Capture extends AutoCloseable {
    LinkRef where();

    /** Stops capturing and returns the pcap file (Ethernet link type), readable by tshark. Idempotent. */
    Path stop();

    @Override
    default void close() {
        stop();
    }
}
