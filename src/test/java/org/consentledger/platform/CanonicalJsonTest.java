package org.consentledger.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one RFC 8785 writer agrees byte for byte with the reference implementation (erdtman) and the RFC's examples. */
class CanonicalJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] reference(String json) throws Exception {
        return new JsonCanonicalizer(json).getEncodedUTF8();
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void agreesWithTheReferenceCanonicalizerOnJavaValues() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", "Bröwser \"x\"/1.0\n\u0001\u001f\u007f\u2028 😀 \\ \b\f\r\t");
        m.put("a", List.of(1, -2, 9007199254740992L, true, false));
        m.put("\u00e9", null);
        m.put("A", Map.of("b", "c", "a", ""));
        m.put("\ud83d\ude00", "emoji key sorts by UTF-16 code units");
        m.put("\ufb33", "after the surrogate pair");
        m.put("d", 4.5);
        String json = JSON.writeValueAsString(m);
        assertEquals(utf8(reference(json)), CanonicalJson.string(m));
        assertArrayEquals(reference(json), CanonicalJson.bytes(JSON.readTree(json)));
        assertArrayEquals(reference(json), CanonicalJson.canonicalize(json));
    }

    @Test
    void agreesWithTheReferenceCanonicalizerOnRandomDocuments() throws Exception {
        Random rnd = new Random(8785);
        for (int i = 0; i < 2000; i++) {
            Object doc = java.util.Collections.singletonList(randomValue(rnd, 0)); // the reference canonicaliser wants an array or object at the top
            String json = JSON.writeValueAsString(doc);
            assertEquals(utf8(reference(json)), CanonicalJson.string(doc), json);
            assertEquals(utf8(reference(json)), utf8(CanonicalJson.canonicalize(json)), json);
        }
    }

    private static Object randomValue(Random rnd, int depth) {
        int kind = rnd.nextInt(depth > 3 ? 5 : 7);
        switch (kind) {
            case 0: return null;
            case 1: return rnd.nextBoolean();
            case 2: return rnd.nextLong() >> (11 + rnd.nextInt(50)); // within 2^53
            case 3: return rnd.nextDouble() * Math.pow(10, rnd.nextInt(60) - 30) * (rnd.nextBoolean() ? 1 : -1);
            case 4: return randomString(rnd);
            case 5: {
                Map<String, Object> m = new LinkedHashMap<>();
                int n = rnd.nextInt(6);
                for (int k = 0; k < n; k++) {
                    m.put(randomString(rnd), randomValue(rnd, depth + 1));
                }
                return m;
            }
            default: {
                List<Object> l = new ArrayList<>();
                int n = rnd.nextInt(5);
                for (int k = 0; k < n; k++) {
                    l.add(randomValue(rnd, depth + 1));
                }
                return l;
            }
        }
    }

    private static String randomString(Random rnd) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(12);
        for (int i = 0; i < n; i++) {
            switch (rnd.nextInt(6)) {
                case 0 -> sb.append((char) rnd.nextInt(0x20));
                case 1 -> sb.append("\"\\/".charAt(rnd.nextInt(3)));
                case 2 -> sb.append((char) (0x80 + rnd.nextInt(0x780)));
                case 3 -> sb.append((char) (0x800 + rnd.nextInt(0xd000)));
                case 4 -> sb.appendCodePoint(0x10000 + rnd.nextInt(0xfffff));
                default -> sb.append((char) (0x20 + rnd.nextInt(0x60)));
            }
        }
        return sb.toString();
    }

    @Test
    void rfc8785Section322Example() {
        String input = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n  \"literals\": [null, true, false]\n}";
        assertEquals("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}", utf8(CanonicalJson.canonicalize(input)));
    }

    @Test
    void rfc8785Section323SortingExample() {
        String input = "{\"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\", \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\","
                + " \"1\": \"One\", \"\\ud83d\\ude00\": \"Emoji: Grinning Face\", \"\\u0080\": \"Control\","
                + " \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"}";
        String out = utf8(CanonicalJson.canonicalize(input));
        assertEquals("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
                + "\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}", out);
    }

    @Test
    void rfc8785AppendixBNumbers() throws Exception {
        String[][] cases = {
                {"0", "0"}, {"-0.0", "0"}, {"1e21", "1e+21"}, {"1e20", "100000000000000000000"}, {"1e-7", "1e-7"},
                {"0.000001", "0.000001"}, {"9007199254740992", "9007199254740992"}, {"9007199254740993", "9007199254740992"},
                {"295147905179352830000", "295147905179352830000"}, {"5e-324", "5e-324"},
                {"1.7976931348623157e308", "1.7976931348623157e+308"}, {"-1.7976931348623157e308", "-1.7976931348623157e+308"},
                {"333333333.3333332", "333333333.3333332"}, {"4.5", "4.5"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], utf8(CanonicalJson.canonicalize(c[0])), c[0]);
            assertEquals("[" + c[1] + "]", utf8(reference("[" + c[0] + "]")), "reference " + c[0]);
        }
    }

    @Test
    void bannerConfigurationsCanonicaliseAsTheReferenceDoes() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Files.list(Path.of("examples/sites")), Stream.of(Path.of("src/test/resources/banner-test/config.json")))) {
            files = s.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertTrue(files.size() >= 4);
        for (Path p : files) {
            String json = Files.readString(p);
            assertArrayEquals(reference(json), CanonicalJson.bytes(JSON.readTree(json)), p.toString());
        }
    }

    @Test
    void refusesWhatItCannotRepresentExactly() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.string(List.of(9007199254740993L)));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.string("\ud800"));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.string("a\udc00"));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.string(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.canonicalize("{\"a\":1,\"a\":2}"));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.canonicalize("{} x"));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.string(new Object()));
    }
}
