package org.consentledger.banner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.consentledger.site.InstallCheck;
import org.consentledger.site.SiteService;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 13 item 1: one request brings script and published config (ETag, new on publish), and counts as "banner seen". */
@QuarkusTest
class SiteScriptTest {

    @Inject
    BannerSites sites;

    @Inject
    SiteService siteService;

    @Inject
    InstallCheck installCheck;

    @Inject
    BannerBundle bundle;

    @Test
    void scriptCarriesTheConfigForTheLanguageIsRevalidatedByETagAndChangesOnPublish() {
        String site = sites.newSite();
        Response en = given().header("Referer", "http://www.shop.banner.test:8081/products/1")
                .when().get("/sites/{site}/banner.js?lang=en", site);
        en.then().statusCode(200).contentType(containsString("text/javascript"))
                .header("Cache-Control", containsString("stale-while-revalidate=604800"))
                .header("Content-Language", "en")
                .body(containsString("\"title\":\"Privacy at Fixture\""))
                .body(containsString("\"reload\":\"Reload page\""), not(containsString("__CONSENTLEDGER_INLINE_CONFIG__")))
                .body(containsString(bundle.siteHash()));
        String etag = en.header("ETag");
        given().header("If-None-Match", etag).when().get("/sites/{site}/banner.js?lang=en", site).then().statusCode(304);
        given().when().get("/sites/{site}/banner.js?lang=de", site).then().statusCode(200)
                .body(containsString("\"title\":\"Datenschutz bei Fixture\""));

        ObjectNode changed = BannerSites.fixtureConfig();
        ((ObjectNode) changed.with("texts").with("en")).set("title", new TextNode("Privacy at Fixture, v2"));
        sites.publish(site, changed);
        Response after = given().header("If-None-Match", etag).when().get("/sites/{site}/banner.js?lang=en", site);
        after.then().statusCode(200).body(containsString("Privacy at Fixture, v2"));
        assertNotEquals(etag, after.header("ETag"), "a new publication changes the ETag");

        installCheck.flush();
        List<InstallCheck.OriginSeen> seen = installCheck.origins(siteService.requireSnapshot(site).id(), BannerSites.ORIGINS);
        assertTrue(seen.stream().anyMatch(o -> o.allowed() && o.origin().equals("http://www.shop.banner.test:8081")),
                "the page's origin counts as 'banner seen': " + seen);
        given().when().get("/sites/{site}/banner.js", "no-such-site").then().statusCode(404)
                .contentType("application/problem+json");
    }

    /**
     * COMPLIANCE banner 15: an event names the code that produced it. A decision taken in the settings layer runs the
     * settings chunk's code, but the event carries the per-site script's hash; that hash covers the chunk because the
     * script names the chunk's SHA-256 in the chunk's URL (anyone can check: hash the served chunk code, compare).
     */
    @Test
    void perSiteScriptHashCoversTheSettingsChunkCode() throws Exception {
        String site = sites.newSite();
        String settingsHash = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(bundle.settingsUnsafe()));
        assertEquals(settingsHash, bundle.settingsHash(), "the recorded settings hash is the hash of the served chunk code");
        String script = new String(bundle.siteUnsafe(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(script.contains("&c=" + settingsHash),
                "the per-site script names the settings chunk's hash in the chunk URL");
        given().when().get("/sites/{site}/settings.js?lang=en&v=1&c={hash}", site, settingsHash).then().statusCode(200)
                .contentType(containsString("text/javascript"));
    }

    /**
     * The size budget of the first layer (docs/PERFORMANCE.md): what a page downloads before the banner shows (the
     * per-site script with its inlined config) stays within 8 KB gzipped for every demo site in both languages. The
     * settings chunk, loaded only when the visitor opens the settings, brings the rest of the config.
     */
    @Test
    void firstLayerDownloadOfEveryDemoSiteAndLanguageIsWithin8KbGzipped() throws Exception {
        StringBuilder sizes = new StringBuilder();
        for (String site : List.of("kommunikationstrainer", "immmr", "kibox")) {
            for (String lang : List.of("de", "en")) {
                byte[] script = given().when().get("/sites/{site}/banner.js?lang={lang}", site, lang)
                        .then().statusCode(200).extract().asByteArray();
                byte[] settings = given().when().get("/sites/{site}/settings.js?lang={lang}", site, lang)
                        .then().statusCode(200).header("Cache-Control", containsString("stale-while-revalidate"))
                        .extract().asByteArray();
                long gzip = BannerBenchmark.gzip(script);
                sizes.append(site).append('/').append(lang).append(": first layer ").append(gzip)
                        .append(" B, settings chunk ").append(BannerBenchmark.gzip(settings)).append(" B gzipped\n");
                assertTrue(gzip <= 8192, site + "/" + lang + ": first-layer download " + gzip + " B gzipped exceeds 8 KB");
                String text = new String(script, java.nio.charset.StandardCharsets.UTF_8);
                String chunk = new String(settings, java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(!text.contains("\"thirdPartyNote\"") && chunk.contains("\"thirdPartyNote\""),
                        "settings texts come with the settings chunk, not with the first layer");
                assertTrue(!text.contains("\"description\"") && chunk.contains("\"description\""),
                        "category descriptions come with the settings chunk");
            }
        }
        System.out.print(sizes);
    }

    @Test
    void firstLayerConfigKeepsWhatTheFirstLayerAndTheGatingRead() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode full = mapper.readTree("{\"version\":3,\"language\":\"de\",\"siteKey\":\"x\","
                + "\"controller\":{\"name\":\"ACME\",\"address\":\"Street 1\"},\"cookie\":{\"name\":\"c\",\"maxAgeDays\":180},"
                + "\"categories\":[{\"id\":\"analytics\",\"required\":false,\"gpcOptOut\":true,\"title\":\"Statistik\",\"description\":\"long\"}],"
                + "\"services\":[{\"id\":\"clarity\",\"category\":\"analytics\",\"name\":\"Clarity\",\"provider\":\"Microsoft, Redmond\","
                + "\"legalBasis\":\"consent\",\"purpose\":\"p\",\"integrations\":{\"clarity\":true},"
                + "\"cookies\":[{\"name\":\"_clck\",\"path\":\"/demo\",\"maxAge\":\"P1Y\",\"purpose\":\"id\"},{\"name\":\"CLID\",\"thirdParty\":true,\"domain\":\"clarity.ms\"}]}],"
                + "\"texts\":{\"title\":\"T\",\"thirdPartyNote\":\"n\",\"custom\":\"kept\"}}");
        com.fasterxml.jackson.databind.JsonNode slim = FirstLayerConfig.of(mapper, full);
        assertEquals("{\"version\":3,\"language\":\"de\",\"cookie\":{\"name\":\"c\",\"maxAgeDays\":180},"
                + "\"controller\":{\"name\":\"ACME\"},\"categories\":[{\"id\":\"analytics\",\"required\":false,\"gpcOptOut\":true,\"title\":\"Statistik\"}],"
                + "\"services\":[{\"id\":\"clarity\",\"category\":\"analytics\",\"name\":\"Clarity\",\"legalBasis\":\"consent\","
                + "\"integrations\":{\"clarity\":true},\"provider\":\"Microsoft\",\"cookies\":[{\"name\":\"_clck\",\"path\":\"/demo\"},"
                + "{\"name\":\"CLID\",\"thirdParty\":true}]}],\"texts\":{\"title\":\"T\",\"custom\":\"kept\"}}",
                mapper.writeValueAsString(slim).replace(" ", ""));
    }

    @Test
    void refererOriginIsSchemeAndAuthorityOnly() {
        assertEquals("https://kibox.ai", SiteScriptResource.originOf("https://kibox.ai/de/preise?x=1"));
        assertEquals("http://localhost:8081", SiteScriptResource.originOf("http://localhost:8081/"));
        assertNull(SiteScriptResource.originOf("not a url"));
        assertNull(SiteScriptResource.originOf(null));
    }
}
