package io.netrig.kernel.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netrig.model.net.Ipv4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NativeSocketTest {
    @Test
    void readsTheExtendedErrorAndItsOffenderFromTheControlMessages() {
        ByteBuffer b = ByteBuffer.allocate(96).order(ByteOrder.nativeOrder());
        // an unrelated control message first (SOL_SOCKET SO_TIMESTAMP-like, 8 bytes of data)
        b.putLong(0, 24).putInt(8, 1).putInt(12, 29);
        int at = 24;
        b.putLong(at, 16 + 16 + 16).putInt(at + 8, 0).putInt(at + 12, 11);
        b.putInt(at + 16, 113).put(at + 20, (byte) 2).put(at + 21, (byte) 3).put(at + 22, (byte) 1);
        b.putShort(at + 32, (short) 2);
        b.put(at + 36, (byte) 10).put(at + 37, (byte) 0).put(at + 38, (byte) 0).put(at + 39, (byte) 254);
        Optional<NativeSocket.ExtendedError> e = NativeSocket.extendedError(b.array(), at + 48);
        assertEquals(Optional.of(new NativeSocket.ExtendedError(113, 2, 3, 1, Optional.of(Ipv4Address.parse("10.0.0.254")))), e);
    }

    @Test
    void noExtendedErrorInOtherControlMessages() {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.nativeOrder());
        b.putLong(0, 24).putInt(8, 1).putInt(12, 29);
        assertEquals(Optional.empty(), NativeSocket.extendedError(b.array(), 24));
    }
}
