package org.consentledger.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.consentledger.platform.Problem.FieldError;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #14 item 8: every string field of a real configuration gets 16 KB of input built to make backtracking or
 * recursive patterns blow up; validation must answer with field errors (or accept free text), never throw (the
 * cookie-domain pattern used to overflow the stack, a 500 with ~1,000 log lines).
 */
class ConfigValidatorAdversarialTest {

    static final int SIZE = 16 * 1024;

    static List<String> payloads() {
        return List.of("a".repeat(SIZE), "a.".repeat(SIZE / 2), "a-".repeat(SIZE / 2) + "!", ".".repeat(SIZE),
                "a".repeat(SIZE - 1) + ".", "1".repeat(SIZE), "P" + "1Y".repeat(SIZE / 2),
                "https://" + "a.".repeat(SIZE / 2 - 8) + "/", "\u00e4".repeat(SIZE / 2), "*".repeat(SIZE));
    }

    /** JSON pointers of every string value in {@code node}. */
    static void strings(JsonNode node, String pointer, List<String> out) {
        if (node.isTextual()) {
            out.add(pointer);
        } else if (node.isObject()) {
            node.fieldNames().forEachRemaining(f -> strings(node.get(f), pointer + "/" + f, out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                strings(node.get(i), pointer + "/" + i, out);
            }
        }
    }

    static void set(ObjectNode root, String pointer, String value) {
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, cut));
        String last = pointer.substring(cut + 1);
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), TextNode.valueOf(value));
        } else {
            ((ObjectNode) parent).put(last, value);
        }
    }

    @Test
    void everyStringFieldSurvives16KbOfAdversarialInput() throws Exception {
        ObjectNode base = ConfigValidatorTest.demoConfig("kommunikationstrainer");
        ((ObjectNode) base.get("cookie")).put("domain", "example.com");
        List<String> pointers = new ArrayList<>();
        strings(base, "", pointers);
        assertTrue(pointers.size() > 20, "fields found: " + pointers.size());
        for (String pointer : pointers) {
            for (String payload : payloads()) {
                ObjectNode config = base.deepCopy();
                set(config, pointer, payload);
                List<FieldError> errors = assertDoesNotThrow(() -> ConfigValidator.validate(config),
                        pointer + " with " + payload.substring(0, 12) + "...");
                assertTrue(errors != null);
            }
        }
    }

    @Test
    void longCookieDomainsAreRefusedNotOverflowing() throws Exception {
        for (String payload : payloads()) {
            ObjectNode config = ConfigValidatorTest.demoConfig("kommunikationstrainer");
            ((ObjectNode) config.get("cookie")).put("domain", payload);
            List<String> fields = ConfigValidatorTest.fields(config);
            assertTrue(fields.contains("cookie.domain"), fields.toString());
        }
        assertTrue(ConfigValidator.isCookieDomain("example.com"));
        assertTrue(ConfigValidator.isCookieDomain(".shop.example.co"));
        assertFalse(ConfigValidator.isCookieDomain("localhost"));
        assertFalse(ConfigValidator.isCookieDomain("example.com."));
        assertFalse(ConfigValidator.isCookieDomain("exa mple.com"));
        assertFalse(ConfigValidator.isCookieDomain("a." + "b".repeat(64) + ".com"));
    }
}
