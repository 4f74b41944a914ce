package org.consentledger.site;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginPolicyTest {

    static final List<String> ORIGINS = List.of("https://kibox.ai", "http://localhost:*");

    @Test
    void exactOriginsAndWildcardPortsMatch() {
        assertTrue(OriginPolicy.allows(ORIGINS, "https://kibox.ai"));
        assertTrue(OriginPolicy.allows(ORIGINS, "HTTPS://KIBOX.AI"));
        assertTrue(OriginPolicy.allows(ORIGINS, "http://localhost:8080"));
        assertTrue(OriginPolicy.allows(ORIGINS, "http://localhost"));
    }

    @Test
    void lookalikesDoNotMatch() {
        assertFalse(OriginPolicy.allows(ORIGINS, "https://kibox.ai.evil.com"));
        assertFalse(OriginPolicy.allows(ORIGINS, "http://kibox.ai"));
        assertFalse(OriginPolicy.allows(ORIGINS, "http://localhost.evil.com:80"));
        assertFalse(OriginPolicy.allows(ORIGINS, "http://localhost:80x"));
        assertFalse(OriginPolicy.allows(ORIGINS, "null"));
        assertFalse(OriginPolicy.allows(ORIGINS, null));
    }

    @Test
    void patternsAreValidated() {
        assertNull(OriginPolicy.problemWith("https://example.com"));
        assertNull(OriginPolicy.problemWith("http://127.0.0.1:*"));
        assertNotNull(OriginPolicy.problemWith("https://example.com/path"));
        assertNotNull(OriginPolicy.problemWith("ftp://example.com"));
        assertNotNull(OriginPolicy.problemWith("*"));
    }
}
