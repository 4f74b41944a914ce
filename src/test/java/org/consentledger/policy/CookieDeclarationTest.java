package org.consentledger.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.consentledger.config.LanguageResolver;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The declaration's content from the seed configs, without HTTP (pure logic). */
class CookieDeclarationTest {

    private static CookieDeclaration of(String site, String lang) throws Exception {
        try (InputStream in = CookieDeclarationTest.class.getClassLoader().getResourceAsStream("demo-sites/" + site + ".json")) {
            JsonNode demo = new ObjectMapper().readTree(in);
            List<String> origins = new ArrayList<>();
            demo.get("allowedOrigins").forEach(o -> origins.add(o.asText()));
            return CookieDeclaration.of(LanguageResolver.resolve(demo.get("config"), lang, List.of("de", "en"), "de"), lang,
                    site, site, 3, "ab".repeat(32), Instant.parse("2026-11-25T10:00:00Z"), FirstPartyHosts.of(origins));
        }
    }

    @Test
    void legitimateInterestCategoryRunsUntilObjectionAndCookielessServicesSaySo() throws Exception {
        CookieDeclaration kibox = of("kibox", "de");
        CookieDeclaration.Category analytics = kibox.categories().get(1);
        assertEquals("bis zu Ihrem Widerspruch", analytics.status());
        CookieDeclaration.Service vercel = analytics.services().get(0);
        assertEquals("Vercel Analytics", vercel.name());
        assertEquals(List.of(), vercel.cookies());
        assertEquals("USA (Vercel Inc.)", vercel.transfer());
        assertEquals("Erstanbieter (kibox.ai)", kibox.categories().get(0).services().get(0).cookies().get(0).party(),
                "first party: the site's domain from its allowed origins (kibox.ai, www.kibox.ai)");
        assertEquals("2026-11-25", kibox.publishedAt());
        assertEquals("https://kibox.ai/datenschutz#consent-settings", kibox.settingsUrl());
    }

    @Test
    void consentCategoryMissingTransferAndLifetimeAreNamedNotGuessed() throws Exception {
        CookieDeclaration trainer = of("kommunikationstrainer", "en");
        assertEquals("always active", trainer.categories().get(0).status());
        assertEquals("only with your consent", trainer.categories().get(1).status());
        CookieDeclaration.Service app = trainer.categories().get(0).services().get(0);
        assertEquals("none stated", app.transfer());
        assertNull(app.privacyPolicyUrl());
        assertEquals("not specified", app.cookies().get(0).lifetime());
        CookieDeclaration.Service clarity = trainer.categories().get(1).services().get(0);
        assertEquals(List.of(new CookieDeclaration.Cookie("_clck", "User ID", "1 year", "first-party (kommunikationstrainer.ai)"),
                new CookieDeclaration.Cookie("_clsk", "Session linking", "1 day", "first-party (kommunikationstrainer.ai)"),
                new CookieDeclaration.Cookie("CLID", "Device ID", "1 year", "third-party (clarity.ms)")), clarity.cookies(),
                "Clarity's CLID lives on clarity.ms: marked third-party; the first-party ones on the site's domain");
        assertEquals("Consent (Art. 6(1)(a) GDPR, § 25(1) TDDDG)", clarity.legalBasis());
    }
}
