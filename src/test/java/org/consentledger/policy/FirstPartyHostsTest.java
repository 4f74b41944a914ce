package org.consentledger.policy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which host names the cookie declaration gives first-party cookies, from a site's allowed origins (pure logic). */
class FirstPartyHostsTest {

    @Test
    void theDemoSitesNameTheirDomainNotWwwNorTheLocalDevelopmentOrigins() {
        assertEquals("kommunikationstrainer.ai", FirstPartyHosts.of(List.of("https://kommunikationstrainer.ai",
                "https://www.kommunikationstrainer.ai", "http://localhost:*", "http://127.0.0.1:*")));
        assertEquals("immmr.com", FirstPartyHosts.of(List.of("https://www.immmr.com", "https://immmr.com")));
        assertEquals("kibox.ai", FirstPartyHosts.of(List.of("https://kibox.ai", "https://www.kibox.ai")));
    }

    @Test
    void severalUnrelatedHostsAreListedOnceInTheirOrderWithoutPortsOrCase() {
        assertEquals("www.example.com, shop.example.com, example.de", FirstPartyHosts.of(List.of("https://WWW.example.com",
                "https://shop.example.com:8443", "https://www.example.com", "https://example.de", "http://www.example.de")));
    }

    @Test
    void localOriginsCountOnlyWhenThereIsNothingElse() {
        assertEquals("localhost, 127.0.0.1", FirstPartyHosts.of(List.of("http://localhost:*", "http://127.0.0.1:*")));
        assertEquals("intranet.example", FirstPartyHosts.of(List.of("http://app.localhost:*", "http://[::1]:*",
                "https://intranet.example")));
    }

    @Test
    void noOriginNoHost() {
        assertNull(FirstPartyHosts.of(List.of()));
        assertNull(FirstPartyHosts.of(null));
        assertNull(FirstPartyHosts.of(List.of("not an origin")));
    }
}
