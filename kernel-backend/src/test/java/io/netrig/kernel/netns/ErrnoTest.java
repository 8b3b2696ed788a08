package io.netrig.kernel.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrnoTest {
    @Test
    void theJdksSocketExceptionsGiveBackTheirErrno() {
        assertEquals(Optional.of(Errno.ECONNREFUSED), Errno.of(new ConnectException(Errno.ECONNREFUSED.description())));
        assertEquals(Optional.of(Errno.ETIMEDOUT), Errno.of(new ConnectException(Errno.ETIMEDOUT.description())));
        assertEquals(Optional.of(Errno.EHOSTUNREACH), Errno.of(new NoRouteToHostException(Errno.EHOSTUNREACH.description())));
        assertEquals(Optional.of(Errno.ENETUNREACH), Errno.of(new SocketException(Errno.ENETUNREACH.description())));
        assertEquals(Optional.of(Errno.EPERM), Errno.of(new IOException(Errno.EPERM.description())));
    }

    @Test
    void aConnectedDatagramSocketsPortUnreachableCarriesNoMessageButIsEconnrefused() {
        assertEquals(Optional.of(Errno.ECONNREFUSED), Errno.of(new PortUnreachableException()));
    }

    @Test
    void theHostSuffixTheJdkMayAddDoesNotHideTheErrno() {
        assertEquals(Optional.of(Errno.ECONNREFUSED), Errno.of(new ConnectException(Errno.ECONNREFUSED.description() + ": /10.0.0.2:80")));
    }

    @Test
    void descriptionsComeFromTheCLibrary() {
        // this machine runs tests in the C locale
        assertEquals("Connection refused", Errno.ECONNREFUSED.description());
        assertEquals("Network is unreachable", Errno.ENETUNREACH.description());
        assertEquals("113 EHOSTUNREACH (No route to host)", Errno.describe(113));
    }

    @Test
    void otherMessagesHaveNoErrno() {
        assertEquals(Optional.empty(), Errno.of(new IOException("something else")));
        assertEquals(Optional.empty(), Errno.of(new IOException((String) null)));
    }
}
