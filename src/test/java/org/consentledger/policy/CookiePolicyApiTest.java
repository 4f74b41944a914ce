package org.consentledger.policy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.consentledger.site.SiteService;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 6 item 9: the public cookie declaration (HTML page and embed script), over real HTTP and MariaDB. */
@QuarkusTest
class CookiePolicyApiTest {

    static final String PAGE = "/sites/{site}/cookie-policy";
    static final String SCRIPT = "/sites/{site}/cookie-policy.js";

    @Inject
    PolicySites sites;

    @Inject
    SiteService siteService;

    private static String html(String site, String lang) {
        return given().queryParam("lang", lang).when().get(PAGE, site)
                .then().statusCode(200).contentType(startsWith("text/html")).header("Content-Language", lang)
                .extract().asString();
    }

    private static void assertContainsAll(String body, List<String> expected) {
        for (String e : expected) {
            assertTrue(body.contains(e), "declaration shows: " + e);
        }
    }

    @Test
    void germanDeclarationListsClarityWithItsCookiesLifetimesProviderTransferAndLegalBasis() {
        String body = html("kommunikationstrainer", "de");
        assertContainsAll(body, List.of(
                "<html lang=\"de\">", "<h1>Cookie-Erklärung: kommunikationstrainer.ai (ImmBlend GmbH)</h1>",
                "<h2 class=\"clcp-category\">Statistik <span class=\"clcp-status\">(nur mit Ihrer Einwilligung)</span></h2>",
                "<h2 class=\"clcp-category\">Notwendig <span class=\"clcp-status\">(immer aktiv)</span></h2>",
                "<h3 class=\"clcp-service\">Microsoft Clarity</h3>",
                "<dt>Anbieter</dt><dd>Microsoft Corporation, One Microsoft Way, Redmond, WA 98052, USA</dd>",
                "<dt>Übermittlung in Drittländer</dt><dd>USA (EU-US Data Privacy Framework, Standard Contractual Clauses)</dd>",
                "<dt>Rechtsgrundlage</dt><dd>Einwilligung (Art. 6 Abs. 1 lit. a DSGVO, § 25 Abs. 1 TDDDG)</dd>",
                "<tr><td><code>_clck</code></td><td>Nutzer-ID</td><td>1 Jahr</td><td>Erstanbieter (kommunikationstrainer.ai)</td></tr>",
                "<tr><td><code>_clsk</code></td><td>Verknüpfung der Sitzung</td><td>1 Tag</td><td>Erstanbieter (kommunikationstrainer.ai)</td></tr>",
                "<tr><td><code>CLID</code></td><td>Geräte-ID</td><td>1 Jahr</td><td>Drittanbieter (clarity.ms)</td></tr>",
                "<tr><td><code>ibki_consent</code></td><td>Cookie-Auswahl</td><td>180 Tage</td><td>Erstanbieter (kommunikationstrainer.ai)</td></tr>",
                "<tr><td><code>accessToken</code></td><td>Anmeldung</td><td>nicht angegeben</td><td>Erstanbieter (kommunikationstrainer.ai)</td></tr>",
                "<dt>Rechtsgrundlage</dt><dd>Berechtigtes Interesse (Art. 6 Abs. 1 lit. f DSGVO); Sie können widersprechen (Art. 21 DSGVO)</dd>",
                "<a href=\"https://privacy.microsoft.com/privacystatement\">Datenschutzhinweise von Microsoft Clarity</a>",
                "<strong>Verantwortlich:</strong> ImmBlend GmbH, Unterer Geisberg 26, 96129 Strullendorf, Germany",
                "<a class=\"clcp-button\" href=\"https://kommunikationstrainer.ai/de/datenschutz#consent-settings\">Cookie-Einstellungen öffnen</a>",
                "<a href=\"https://kommunikationstrainer.ai/de/impressum\">Impressum</a>"));
        JsonPath banner = given().queryParam("lang", "de").get("/api/v1/sites/kommunikationstrainer/banner").jsonPath();
        assertTrue(body.contains("<span data-config-version>" + banner.getInt("version") + "</span>"), "names the config version");
        assertTrue(body.contains("<code data-config-hash>" + banner.getString("configHash") + "</code>"), "names the config hash");
    }

    @Test
    void englishDeclarationInEnglishWords() {
        String body = html("kommunikationstrainer", "en");
        assertContainsAll(body, List.of(
                "<html lang=\"en\">", "Cookie declaration: kommunikationstrainer.ai",
                "Analytics <span class=\"clcp-status\">(only with your consent)</span>",
                "<dt>Provider</dt><dd>Microsoft Corporation, One Microsoft Way, Redmond, WA 98052, USA</dd>",
                "<dt>Transfer to third countries</dt><dd>USA (EU-US Data Privacy Framework, Standard Contractual Clauses)</dd>",
                "<dt>Legal basis</dt><dd>Consent (Art. 6(1)(a) GDPR, § 25(1) TDDDG)</dd>",
                "<tr><td><code>_clck</code></td><td>User ID</td><td>1 year</td><td>first-party (kommunikationstrainer.ai)</td></tr>",
                "<tr><td><code>_clsk</code></td><td>Session linking</td><td>1 day</td><td>first-party (kommunikationstrainer.ai)</td></tr>",
                "<tr><td><code>CLID</code></td><td>Device ID</td><td>1 year</td><td>third-party (clarity.ms)</td></tr>",
                "<tr><td><code>ibki_consent</code></td><td>Cookie consent</td><td>180 days</td><td>first-party (kommunikationstrainer.ai)</td></tr>",
                "href=\"https://kommunikationstrainer.ai/en/privacy#consent-settings\">Open cookie settings</a>"));
        assertFalse(body.contains("Jahr"), "no German word in the English page");
    }

    /** The declaration's cookie rows (name, purpose, lifetime, first-/third-party), read from the parsed HTML. */
    private static List<List<String>> cookieRows(String page) {
        List<String> cells = new XmlPath(XmlPath.CompatibilityMode.HTML, page)
                .getList("**.findAll { it.name() == 'td' }", String.class);
        assertEquals(0, cells.size() % 4, "four cells a row: " + cells);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < cells.size(); i += 4) {
            rows.add(cells.subList(i, i + 4));
        }
        return rows;
    }

    /**
     * The banner names the page's host for a first-party cookie without a domain; the declaration, which has no page,
     * names the site's domain from its allowed origins (www. and the local development origins fold into it).
     */
    @Test
    void firstPartyCookiesNameTheSitesDomainFromItsAllowedOrigins() {
        Map<String, String> domains = Map.of("kommunikationstrainer", "kommunikationstrainer.ai", "immmr", "immmr.com",
                "kibox", "kibox.ai");
        domains.forEach((site, domain) -> {
            for (String lang : List.of("de", "en")) {
                List<List<String>> rows = cookieRows(html(site, lang));
                assertFalse(rows.isEmpty(), site + " " + lang + ": cookie rows");
                for (List<String> row : rows) {
                    String party = row.get(3);
                    if (party.startsWith("de".equals(lang) ? "Drittanbieter" : "third-party")) {
                        assertFalse(party.contains(domain), site + ": a third-party cookie keeps its own domain: " + row);
                    } else {
                        assertEquals(("de".equals(lang) ? "Erstanbieter" : "first-party") + " (" + domain + ")", party,
                                site + " " + lang + ": " + row);
                    }
                }
            }
        });
        assertEquals(List.of("CLID", "Geräte-ID", "1 Jahr", "Drittanbieter (clarity.ms)"),
                cookieRows(html("kommunikationstrainer", "de")).stream().filter(r -> r.get(0).equals("CLID")).findFirst().orElseThrow());
    }

    @Test
    void severalOriginsAreAllNamedAndNewOriginsShowWithoutANewConfigVersion() {
        String site = sites.siteWithOrigins(List.of("https://www.example.com", "https://shop.example.com:8443"));
        assertEquals("Erstanbieter (www.example.com, shop.example.com)", cookieRows(html(site, "de")).get(0).get(3));
        siteService.updateAllowedOrigins(site, List.of("https://example.org", "https://www.example.org"));
        assertEquals("first-party (example.org)", cookieRows(html(site, "en")).get(0).get(3));
        assertEquals("Erstanbieter (example.org)", cookieRows(html(site, "de")).get(0).get(3),
                "the page rendered before the change is not served again");
        String script = given().queryParam("lang", "de").when().get(SCRIPT, site).then().statusCode(200).extract().asString();
        assertTrue(script.contains("Erstanbieter (example.org)"), "the embedded declaration says the same");
    }

    @Test
    void languageFromParameterThenAcceptLanguageThenSiteDefault() {
        given().header("Accept-Language", "en-GB,en;q=0.9").when().get(PAGE, "kommunikationstrainer")
                .then().statusCode(200).header("Content-Language", "en").body(containsString("1 year"));
        given().queryParam("lang", "de").header("Accept-Language", "en").when().get(PAGE, "kommunikationstrainer")
                .then().statusCode(200).header("Content-Language", "de").body(containsString("1 Jahr"));
        given().queryParam("lang", "fr").header("Accept-Language", "fr-FR, en;q=0.5").when().get(PAGE, "kommunikationstrainer")
                .then().statusCode(200).header("Content-Language", "en");
        given().queryParam("lang", "fr").when().get(PAGE, "kommunikationstrainer")
                .then().statusCode(200).header("Content-Language", "de").body(containsString("Cookie-Erklärung"));
        given().when().get(SCRIPT, "kommunikationstrainer")
                .then().statusCode(200).header("Content-Language", "de").body(containsString("1 Jahr"));
    }

    @Test
    void unknownSiteIs404ProblemJsonOrAPlainHtmlPageForBrowsers() {
        given().accept("application/json").when().get(PAGE, "no-such-site")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("detail", containsString("no-such-site"));
        given().accept("text/html,application/xhtml+xml,*/*;q=0.8").header("Accept-Language", "de-DE")
                .when().get(PAGE, "no-such-site<script>")
                .then().statusCode(404).contentType(startsWith("text/html"))
                .body(containsString("<h1>Nicht gefunden</h1>"))
                .body(not(containsString("<script>")));
        given().when().get(SCRIPT, "no-such-site")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void etagAnd304LikeTheBannerConfig() {
        Response first = given().queryParam("lang", "de").when().get(PAGE, "kommunikationstrainer");
        String etag = first.header("ETag");
        assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);
        String bannerCacheControl = given().get("/api/v1/sites/kommunikationstrainer/banner").header("Cache-Control");
        assertEquals(bannerCacheControl, first.header("Cache-Control"));
        assertEquals("Accept-Language", first.header("Vary"));
        given().queryParam("lang", "de").header("If-None-Match", etag).when().get(PAGE, "kommunikationstrainer")
                .then().statusCode(304).header("ETag", etag).body(equalTo(""));
        String english = given().queryParam("lang", "en").when().get(PAGE, "kommunikationstrainer").header("ETag");
        assertNotEquals(etag, english, "each language has its own ETag");
        String script = given().queryParam("lang", "de").when().get(SCRIPT, "kommunikationstrainer").header("ETag");
        given().queryParam("lang", "de").header("If-None-Match", script).when().get(SCRIPT, "kommunikationstrainer")
                .then().statusCode(304);
        given().queryParam("lang", "de").header("If-None-Match", etag).when().get(SCRIPT, "kommunikationstrainer")
                .then().statusCode(200);
    }

    @Test
    void demoPageLinksTheDeclarationAndShowsTheSnippet() {
        given().when().get("/demo/kommunikationstrainer").then().statusCode(200)
                .body(containsString("<a href=\"/sites/kommunikationstrainer/cookie-policy?lang=de\">Cookie-Erklärung</a>"))
                .body(containsString("&lt;div data-consent-ledger-cookie-policy&gt;&lt;/div&gt;&lt;script src=\"/sites/kommunikationstrainer/cookie-policy.js?lang=de\" async&gt;"));
    }

    @Test
    void standalonePageRunsNoScriptAndAllowsNoInlineAnything() {
        given().queryParam("lang", "de").when().get(PAGE, "kommunikationstrainer")
                .then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .body(not(containsString("<script")))
                .body(not(containsString("style=")));
    }

    @Test
    void embedScriptCarriesTheEscapedDeclarationWithAWorkingSettingsButton() {
        String js = given().queryParam("lang", "en").when().get(SCRIPT, "kommunikationstrainer")
                .then().statusCode(200).contentType(startsWith("text/javascript"))
                .header("Content-Language", "en")
                .header("X-Content-Type-Options", "nosniff")
                .extract().asString();
        assertFalse(js.contains("<"), "no raw markup character anywhere in the script: it cannot close a tag");
        assertTrue(js.contains("\\u003ccode\\u003e_clck\\u003c/code\\u003e"), "the cookie table is inside");
        assertTrue(js.contains("data-consent-settings\\u003eOpen cookie settings"), "the settings button the banner listens to");
        assertTrue(js.contains("[data-consent-ledger-cookie-policy]"), "fills the snippet's div");
        assertFalse(js.contains("eval(") || js.contains("new Function"), "no eval under a strict CSP");
    }

    @Test
    void plantedScriptAndAttributeInjectionAreShownAsText() {
        String site = sites.hostileSite();
        for (String lang : List.of("de", "en")) {
            String body = html(site, lang);
            assertFalse(body.contains("<script"), lang + ": no script element");
            assertFalse(body.contains("<img"), lang + ": no img element");
            assertFalse(body.contains("\"onmouseover="), lang + ": no attribute break-out");
            assertTrue(body.contains("Clarity &lt;script&gt;window.__xss=(window.__xss||0)+1&lt;/script&gt;"), lang + ": service name as text");
            assertTrue(body.contains("Microsoft &quot;onmouseover=&quot;window.__xss"), lang + ": provider as text");
            assertTrue(body.contains("Shop &lt;script&gt;"), lang + ": site name as text");
            String js = given().queryParam("lang", lang).when().get(SCRIPT, site).then().statusCode(200).extract().asString();
            assertFalse(js.contains("<"), lang + ": script has no raw '<'");
            assertTrue(js.contains("Clarity \\u0026lt;script\\u0026gt;"), lang + ": the embedded markup is escaped too");
        }
    }
}
