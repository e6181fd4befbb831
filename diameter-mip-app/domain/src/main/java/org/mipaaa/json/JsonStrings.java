package org.mipaaa.json;

/**
 * A JSON string literal (RFC 8259 §7), for the few documents this product writes by hand (trace lines,
 * statements, presence notifications) without a JSON library. U+2028 and U+2029 are escaped too, so a
 * document can also be embedded in JavaScript.
 */
public final class JsonStrings {

    private JsonStrings() {
    }

    /** Appends {@code value} quoted and escaped to {@code out}. */
    public static StringBuilder append(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /** {@code value} as a quoted, escaped JSON string. */
    public static String quote(String value) {
        return append(new StringBuilder(value.length() + 2), value).toString();
    }
}
