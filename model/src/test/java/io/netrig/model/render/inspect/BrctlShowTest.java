package io.netrig.model.render.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netrig.model.net.MacAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrctlShowTest {
    @Test
    void printsBridgesAndPortsSortedWithBridgeUtilsTabs() {
        String out = BrctlShow.render(List.of(
                new BridgeInfo("docker0", MacAddress.parse("02:42:8c:3a:1b:2e"), false, List.of("vethb2", "veth1a")),
                new BridgeInfo("br-0123456789ab", MacAddress.parse("02:42:00:11:22:33"), false, List.of())));
        assertEquals("bridge name\tbridge id\t\tSTP enabled\tinterfaces\n"
                + "br-0123456789ab\t\t8000.024200112233\tno\t\t\n"
                + "docker0\t\t8000.02428c3a1b2e\tno\t\tveth1a\n"
                + "\t\t\t\t\t\t\tvethb2\n", out);
    }

    @Test
    void bridgeIdIsPriorityDotMacWithoutColons() {
        assertEquals("8000.0242ac110001", new BridgeInfo("docker0", MacAddress.parse("02:42:ac:11:00:01"), false, List.of()).bridgeId());
    }
}
