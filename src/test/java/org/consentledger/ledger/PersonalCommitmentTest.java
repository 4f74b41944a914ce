package org.consentledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PersonalCommitmentTest {

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    @Test
    void matchesTheDocumentedTestVectors() throws Exception {
        JsonNode vectors;
        try (InputStream in = getClass().getResourceAsStream("/ledger/personal-commitment-vectors.json")) {
            vectors = new ObjectMapper().readTree(in);
        }
        assertEquals(3, vectors.size());
        for (JsonNode v : vectors) {
            byte[] salt = HexFormat.of().parseHex(v.get("salt").asText());
            String visitor = text(v.get("visitorId"));
            String ip = text(v.get("ipTruncated"));
            String ua = text(v.get("userAgent"));
            assertEquals(v.get("preimage").asText(),
                    new String(PersonalCommitment.preimage(visitor, ip, ua), StandardCharsets.UTF_8));
            assertEquals(v.get("commitment").asText(),
                    HexFormat.of().formatHex(PersonalCommitment.compute(salt, visitor, ip, ua)));
        }
    }

    @Test
    void everyFieldAndTheSaltChangeTheCommitment() {
        byte[] salt = PersonalCommitment.newSalt();
        assertEquals(32, salt.length);
        byte[] base = PersonalCommitment.compute(salt, "v", "203.0.113.0", "ua");
        assertFalse(java.util.Arrays.equals(base, PersonalCommitment.compute(salt, "w", "203.0.113.0", "ua")));
        assertFalse(java.util.Arrays.equals(base, PersonalCommitment.compute(salt, "v", "203.0.114.0", "ua")));
        assertFalse(java.util.Arrays.equals(base, PersonalCommitment.compute(salt, "v", "203.0.113.0", "ub")));
        assertFalse(java.util.Arrays.equals(base, PersonalCommitment.compute(salt, "v", "203.0.113.0", null)));
        assertFalse(java.util.Arrays.equals(base, PersonalCommitment.compute(PersonalCommitment.newSalt(), "v", "203.0.113.0", "ua")));
        assertArrayEquals(base, PersonalCommitment.compute(salt.clone(), "v", "203.0.113.0", "ua"));
        assertThrows(IllegalArgumentException.class, () -> PersonalCommitment.compute(new byte[31], "v", null, null));
        assertThrows(IllegalArgumentException.class, () -> PersonalCommitment.compute(null, "v", null, null));
    }
}
