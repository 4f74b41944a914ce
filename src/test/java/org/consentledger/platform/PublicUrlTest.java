package org.consentledger.platform;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PublicUrlTest {

    @Test
    void aConfiguredBaseUrlWinsOverTheRequest() {
        assertEquals("https://consent.example.com",
                PublicUrl.resolve(Optional.of("https://consent.example.com/"), "http", "10.0.0.7:8080"));
        assertEquals("https://example.com/consent", PublicUrl.resolve(Optional.of("HTTPS://example.com/consent//"), "http", "x"));
    }

    @Test
    void withoutConfigurationTheRequestsSchemeAndHostAreUsed() {
        assertEquals("https://consent.example.com", PublicUrl.resolve(Optional.empty(), "HTTPS", "consent.example.com"));
        assertEquals("http://127.0.0.1:8080", PublicUrl.resolve(Optional.of(" "), "http", "127.0.0.1:8080"));
    }

    @Test
    void aMalformedBaseUrlIsRefused() {
        assertThrows(IllegalStateException.class, () -> PublicUrl.resolve(Optional.of("ftp://x"), "http", "h"));
        assertThrows(IllegalStateException.class, () -> PublicUrl.resolve(Optional.of("https://x/?a=1"), "http", "h"));
        assertThrows(IllegalStateException.class, () -> PublicUrl.resolve(Optional.of("consent.example.com"), "http", "h"));
    }
}
