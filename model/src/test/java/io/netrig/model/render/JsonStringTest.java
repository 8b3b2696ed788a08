package io.netrig.model.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonStringTest {
    @Test
    void escapesQuotesBackslashesAndControlCharactersAsGoDoes() {
        assertEquals("\"a \\\"b\\\" \\\\ \\n\\r\\t \\u001b \\u2028\"", JsonString.quote("a \"b\" \\ \n\r\t \u001b \u2028"));
    }

    @Test
    void leavesHtmlCharactersAndNonAsciiAsTheyAreAsDockerdWritesThem() {
        assertEquals("\"veth a <-> b & c → d\"", JsonString.quote("veth a <-> b & c → d"));
    }
}
