package org.consentledger.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.consentledger.platform.CanonicalJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The ledger's small RFC 8785 writer agrees byte for byte with the reference implementation (erdtman). */
class JcsTest {

    @Test
    void agreesWithTheReferenceCanonicalizer() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", "Bröwser \"x\"/1.0\n\u0001\u001f\u007f\u2028 😀");
        m.put("a", List.of(1, -2, 9007199254740992L, true, false));
        m.put("\u00e9", null);
        m.put("A", Map.of("b", "c", "a", ""));
        m.put("\ud83d\ude00", "emoji key sorts by UTF-16 code units");
        m.put("\ufb33", "after the surrogate pair");
        String json = new ObjectMapper().writeValueAsString(m);
        assertArrayEquals(CanonicalJson.bytes(json), Jcs.bytes(m), new String(CanonicalJson.bytes(json), StandardCharsets.UTF_8));
    }

    @Test
    void rfc8785Examples() {
        assertEquals("{\"\\u0001\\n\":1,\"a\":\"\\\\\\\"\"}", Jcs.string(Map.of("a", "\\\"", "\u0001\n", 1)));
        assertThrows(IllegalArgumentException.class, () -> Jcs.string(List.of(9007199254740993L)));
        assertThrows(IllegalArgumentException.class, () -> Jcs.string("\ud800"));
    }
}
