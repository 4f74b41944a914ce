package org.consentledger.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BannerCacheTest {

    @Test
    void gzipOnlyWhenTheClientAcceptsIt() {
        assertTrue(BannerCache.acceptsGzip("gzip, deflate, br"));
        assertTrue(BannerCache.acceptsGzip("br;q=1.0, GZIP;q=0.5"));
        assertTrue(BannerCache.acceptsGzip("x-gzip"));
        assertFalse(BannerCache.acceptsGzip(null));
        assertFalse(BannerCache.acceptsGzip("identity"));
        assertFalse(BannerCache.acceptsGzip("br, deflate"));
        assertFalse(BannerCache.acceptsGzip("gzip;q=0"));
        assertFalse(BannerCache.acceptsGzip("gzip; q=0.000, br"));
    }

    @Test
    void ifNoneMatchComparesWeaklyAndAcceptsAnyOfAList() {
        assertTrue(BannerCache.matches("\"a\"", "\"a\""));
        assertTrue(BannerCache.matches("\"x\", W/\"a\"", "\"a\""));
        assertTrue(BannerCache.matches("*", "\"a\""));
        assertFalse(BannerCache.matches("\"b\"", "\"a\""));
        assertFalse(BannerCache.matches(null, "\"a\""));
    }
}
