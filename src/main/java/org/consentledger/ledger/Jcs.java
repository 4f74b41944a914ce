package org.consentledger.ledger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 (JSON Canonicalization Scheme) writer for the value types the ledger uses: objects
 * ({@link Map} with String keys), arrays ({@link List}), strings, booleans, null and integers in the
 * IEEE-754 safe range (|n| &lt;= 2^53). For these types the output is exactly RFC 8785: object members
 * sorted by the UTF-16 code units of their names, no whitespace, strings escaped as ECMAScript
 * {@code JSON.stringify} does, UTF-8. Kept dependency-free so the byte format the proofs rely on is
 * defined in one small place (and mirrored in tools/VerifyReceipt.java).
 */
public final class Jcs {

    private static final long MAX_SAFE = 9007199254740992L; // 2^53

    private Jcs() {
    }

    public static byte[] bytes(Object value) {
        return string(value).getBytes(StandardCharsets.UTF_8);
    }

    public static String string(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String) {
            writeString(out, (String) value);
        } else if (value instanceof Boolean) {
            out.append(((Boolean) value) ? "true" : "false");
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            long n = ((Number) value).longValue();
            if (n > MAX_SAFE || n < -MAX_SAFE) {
                throw new IllegalArgumentException("integer outside the I-JSON safe range: " + n);
            }
            out.append(n);
        } else if (value instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) value;
            List<String> keys = new ArrayList<>(map.size());
            for (Object k : map.keySet()) {
                if (!(k instanceof String)) {
                    throw new IllegalArgumentException("object member names must be strings");
                }
                keys.add((String) k);
            }
            keys.sort(null); // String.compareTo compares UTF-16 code units, as RFC 8785 3.2.3 requires
            out.append('{');
            boolean first = true;
            for (String k : keys) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(out, k);
                out.append(':');
                write(out, map.get(k));
            }
            out.append('}');
        } else if (value instanceof List) {
            out.append('[');
            boolean first = true;
            for (Object item : (List<?>) value) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, item);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("unsupported JSON value type " + value.getClass().getName());
        }
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                            throw new IllegalArgumentException("lone surrogate in string");
                        }
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isLowSurrogate(c)) {
                        throw new IllegalArgumentException("lone surrogate in string");
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
