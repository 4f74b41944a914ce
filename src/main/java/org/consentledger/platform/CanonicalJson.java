package org.consentledger.platform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.erdtman.jcs.NumberToJSON;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 (JSON Canonicalization Scheme) serialisation: the one implementation used for config hashes,
 * consent leaves, personal commitments and receipts. Object members sorted by the UTF-16 code units of
 * their names, no whitespace, strings escaped as ECMAScript {@code JSON.stringify} does, UTF-8.
 * Non-integral numbers are formatted by the reference implementation's ES6 number serialiser (erdtman
 * {@link NumberToJSON}); the tests check the whole output against that reference canonicaliser and the
 * RFC's examples.
 *
 * <p>Written by hand rather than through the reference canonicaliser because the ledger verification
 * builds millions of leaves: the reference path (serialise with Jackson, re-parse, re-serialise) costs
 * several times more than the leaf's SHA-256 (docs/PERFORMANCE.md "Ledger").
 *
 * <p>Accepted values: {@link Map} with String keys, {@link List}, String, Boolean, null, integers
 * (Integer, Long, Short, Byte; |n| &lt;= 2^53, others are refused rather than rounded), Double/Float,
 * and Jackson {@link JsonNode} trees (numbers as the reference implementation reads them: IEEE-754 doubles).
 */
public final class CanonicalJson {

    private static final long MAX_SAFE = 1L << 53;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private CanonicalJson() {
    }

    /** Canonical UTF-8 bytes of a value (see the class comment for the accepted types). */
    public static byte[] bytes(Object value) {
        Writer w = new Writer(256);
        w.value(value);
        return w.toBytes();
    }

    public static String string(Object value) {
        return new String(bytes(value), StandardCharsets.UTF_8);
    }

    /** Parses JSON text (duplicate member names refused) and returns its canonical bytes. */
    public static byte[] canonicalize(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not canonicalisable JSON: " + e.getMessage(), e);
        }
        if (node == null) {
            throw new IllegalArgumentException("Not canonicalisable JSON: empty input");
        }
        return bytes(node);
    }

    /**
     * Appends canonical JSON to a growing UTF-8 buffer. {@link #raw(String)} writes ASCII text as is: callers
     * that emit member names themselves are responsible for their order (see LeafCodec).
     */
    public static final class Writer {
        private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        private byte[] buf;
        private int len;

        public Writer(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        public void reset() {
            len = 0;
        }

        public int length() {
            return len;
        }

        /** The internal buffer; valid up to {@link #length()}. */
        public byte[] buffer() {
            return buf;
        }

        public byte[] toBytes() {
            return Arrays.copyOf(buf, len);
        }

        private void ensure(int extra) {
            if (len + extra > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
            }
        }

        /** ASCII text written verbatim (punctuation and member names). */
        public Writer raw(String ascii) {
            int n = ascii.length();
            ensure(n);
            byte[] b = buf; // locals: the JIT keeps them in registers (fields are re-read after every store)
            int l = len;
            for (int i = 0; i < n; i++) {
                b[l++] = (byte) ascii.charAt(i);
            }
            len = l;
            return this;
        }

        /**
         * A JSON string given as UTF-8 bytes (or {@code null}): the same bytes as {@link #string(String)} of the
         * decoded text. Printable ASCII without quote or backslash is copied as is; anything else takes the
         * decoding path (which also turns malformed UTF-8 into U+FFFD exactly as a JDBC string read would).
         */
        public Writer stringUtf8(byte[] utf8) {
            if (utf8 == null) {
                return raw("null");
            }
            int n = utf8.length;
            for (int i = 0; i < n; i++) {
                byte c = utf8[i];
                if (c < 0x20 || c == '"' || c == '\\') { // negative: a byte of a multi-byte sequence
                    return string(new String(utf8, StandardCharsets.UTF_8));
                }
            }
            ensure(n + 2);
            buf[len++] = '"';
            System.arraycopy(utf8, 0, buf, len, n);
            len += n;
            buf[len++] = '"';
            return this;
        }

        /** Bytes that already are canonical JSON. */
        public Writer raw(byte[] canonical) {
            ensure(canonical.length);
            System.arraycopy(canonical, 0, buf, len, canonical.length);
            len += canonical.length;
            return this;
        }

        /** Lower-case hex digits of {@code bytes}, without quotes. */
        public Writer hex(byte[] bytes) {
            ensure(bytes.length * 2);
            for (byte b : bytes) {
                buf[len++] = HEX[(b >> 4) & 15];
                buf[len++] = HEX[b & 15];
            }
            return this;
        }

        public Writer bool(boolean b) {
            return raw(b ? "true" : "false");
        }

        public Writer integer(long n) {
            if (n > MAX_SAFE || n < -MAX_SAFE) {
                throw new IllegalArgumentException("integer outside the I-JSON safe range: " + n);
            }
            return raw(Long.toString(n));
        }

        /** A JSON string (or {@code null}), escaped as RFC 8785 3.2.2.2 requires. */
        public Writer string(String s) {
            if (s == null) {
                return raw("null");
            }
            int n = s.length();
            ensure(n * 3 + 2);
            buf[len++] = '"';
            // fast path for the common case, printable ASCII without quote or backslash (ids, hashes, codes)
            byte[] b = buf; // locals: the JIT keeps them in registers (fields are re-read after every store)
            int l = len;
            int i = 0;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                    break;
                }
                b[l++] = (byte) c;
            }
            len = l;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x20 && c < 0x80) {
                    if (c == '"' || c == '\\') {
                        ensure(2 + (n - i) * 3);
                        buf[len++] = '\\';
                    }
                    buf[len++] = (byte) c;
                } else if (c < 0x20) {
                    ensure(6 + (n - i) * 3);
                    buf[len++] = '\\';
                    switch (c) {
                        case '\b' -> buf[len++] = 'b';
                        case '\f' -> buf[len++] = 'f';
                        case '\n' -> buf[len++] = 'n';
                        case '\r' -> buf[len++] = 'r';
                        case '\t' -> buf[len++] = 't';
                        default -> {
                            buf[len++] = 'u';
                            buf[len++] = '0';
                            buf[len++] = '0';
                            buf[len++] = HEX[c >> 4];
                            buf[len++] = HEX[c & 15];
                        }
                    }
                } else if (c < 0x800) {
                    buf[len++] = (byte) (0xc0 | (c >> 6));
                    buf[len++] = (byte) (0x80 | (c & 0x3f));
                } else if (Character.isHighSurrogate(c)) {
                    if (i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        throw new IllegalArgumentException("lone surrogate in string");
                    }
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    ensure(4 + (n - i) * 3);
                    buf[len++] = (byte) (0xf0 | (cp >> 18));
                    buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                    buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                    buf[len++] = (byte) (0x80 | (cp & 0x3f));
                } else if (Character.isLowSurrogate(c)) {
                    throw new IllegalArgumentException("lone surrogate in string");
                } else {
                    buf[len++] = (byte) (0xe0 | (c >> 12));
                    buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                    buf[len++] = (byte) (0x80 | (c & 0x3f));
                }
            }
            buf[len++] = '"';
            return this;
        }

        private Writer number(double d) {
            try {
                return raw(NumberToJSON.serializeNumber(d));
            } catch (IOException e) {
                throw new IllegalArgumentException("number not representable in JSON: " + d, e);
            }
        }

        public Writer value(Object value) {
            if (value == null) {
                return raw("null");
            } else if (value instanceof String s) {
                return string(s);
            } else if (value instanceof Boolean b) {
                return bool(b);
            } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                return integer(((Number) value).longValue());
            } else if (value instanceof Double || value instanceof Float) {
                return number(((Number) value).doubleValue());
            } else if (value instanceof Map<?, ?> map) {
                List<String> keys = new ArrayList<>(map.size());
                for (Object k : map.keySet()) {
                    if (!(k instanceof String)) {
                        throw new IllegalArgumentException("object member names must be strings");
                    }
                    keys.add((String) k);
                }
                keys.sort(null); // String.compareTo compares UTF-16 code units, as RFC 8785 3.2.3 requires
                raw("{");
                for (int i = 0; i < keys.size(); i++) {
                    if (i > 0) {
                        raw(",");
                    }
                    string(keys.get(i)).raw(":").value(map.get(keys.get(i)));
                }
                return raw("}");
            } else if (value instanceof List<?> list) {
                raw("[");
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        raw(",");
                    }
                    value(list.get(i));
                }
                return raw("]");
            } else if (value instanceof JsonNode node) {
                return node(node);
            }
            throw new IllegalArgumentException("unsupported JSON value type " + value.getClass().getName());
        }

        private Writer node(JsonNode node) {
            if (node.isObject()) {
                List<String> keys = new ArrayList<>(node.size());
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    keys.add(it.next());
                }
                keys.sort(null);
                raw("{");
                for (int i = 0; i < keys.size(); i++) {
                    if (i > 0) {
                        raw(",");
                    }
                    string(keys.get(i)).raw(":").node(node.get(keys.get(i)));
                }
                return raw("}");
            } else if (node.isArray()) {
                raw("[");
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        raw(",");
                    }
                    node(node.get(i));
                }
                return raw("]");
            } else if (node.isTextual()) {
                return string(node.textValue());
            } else if (node.isBoolean()) {
                return bool(node.booleanValue());
            } else if (node.isNumber()) {
                if (node.canConvertToLong() && node.isIntegralNumber() && Math.abs(node.longValue()) <= MAX_SAFE) {
                    return raw(Long.toString(node.longValue()));
                }
                return number(node.doubleValue()); // as the reference implementation: numbers are IEEE-754 doubles
            } else if (node.isNull() || node.isMissingNode()) {
                return raw("null");
            }
            throw new IllegalArgumentException("unsupported JSON node " + node.getNodeType());
        }
    }
}
