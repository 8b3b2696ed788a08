package io.netrig.model.render;

/**
 * JSON string literals, escaped as Go's encoder escapes them with HTML escaping off (as dockerd writes its API
 * answers, which {@code docker ... inspect} re-indents unchanged): {@code "}, {@code \}, {@code \n}, {@code \r} and
 * {@code \t} by name, other control characters and U+2028/U+2029 as hex escapes, everything else as is.
 */
public final class JsonString {
    private JsonString() {
    }

    public static String quote(String s) {
        return quote(s, new StringBuilder(s.length() + 2)).toString();
    }

    /** Appends {@code s} as a JSON string literal to {@code sb}. */
    public static StringBuilder quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
