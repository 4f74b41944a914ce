package org.consentledger.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.consentledger.config.ConfigService;
import org.consentledger.operator.OperatorTestData;
import org.consentledger.operator.RateLimiter;
import org.consentledger.operator.TestTokens;
import org.consentledger.site.SiteService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #12 item 4 over real HTTP: error pages and validator messages in the page's language with the signed-in
 * header kept, the API's English messages with a rule code, and bad input on console pages (issue #15) answered
 * with a page, never a 500 or a blank page.
 */
@QuarkusTest
class ConsoleLanguageTest {

    static final String SITE = "console-language";

    @Inject
    SiteService sites;
    @Inject
    ConfigService configs;
    @Inject
    RateLimiter rateLimiter;
    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL base;

    @BeforeEach
    void data() {
        if (sites.findByKey(SITE).isEmpty()) {
            OperatorTestData.site(sites, configs, SITE, "Sprache GmbH");
        }
        rateLimiter.reset();
    }

    private static Response page(String lang, String path) {
        return given().cookie(LoginResource.SESSION_COOKIE, TestTokens.admin()).header("Accept-Language", lang)
                .redirects().follow(false).when().get(path);
    }

    @Test
    void unknownConsolePageIsAGermanOrEnglishPageWithTheSignedInHeader() {
        page("de-DE", "/console/no-such-page").then().statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("<h1 id=\"error-title\">Seite nicht gefunden</h1>"), containsString("Fehler 404"),
                        containsString("id=\"logout\""), containsString("<span class=\"user\">test-admin</span> <span class=\"role-badge\">Administrator</span>"),
                        not(containsString("Not Found")), not(containsString("No such resource")));
        page("en", "/console/no-such-page").then().statusCode(404)
                .body(containsString("<h1 id=\"error-title\">Page not found</h1>"), containsString("Error 404"),
                        containsString("id=\"logout\""), containsString("<span class=\"user\">test-admin</span> <span class=\"role-badge\">Administrator</span>"));
        page("de", "/console/site?site=no-such-site").then().statusCode(404)
                .body(containsString("Seite nicht gefunden"), containsString("id=\"logout\""));
        given().cookie(LoginResource.SESSION_COOKIE, TestTokens.auditor(SITE)).header("Accept-Language", "de")
                .when().get("/console/editor?site=" + SITE).then().statusCode(403)
                .body(containsString("Nicht erlaubt"), containsString("Prüfer"), not(containsString("Forbidden")));
    }

    @Test
    void validatorMessagesAreShownInThePageLanguage() {
        String admin = TestTokens.admin();
        String broken = "{\"languages\":[\"de\",\"de\"],\"defaultLanguage\":\"de\",\"services\":[]}";
        for (String[] lang : new String[][] {
                { "de", "Mindestens eine Kategorie wird gebraucht.", "Die Sprache de steht doppelt in der Liste." },
                { "en", "At least one category is needed.", "The language de is listed twice." } }) {
            ConsoleTestData.Csrf csrf = ConsoleTestData.csrf(admin, "/console/editor?site=" + SITE);
            String html = given().cookie(LoginResource.SESSION_COOKIE, admin).cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie())
                    .header("Accept-Language", lang[0]).contentType(ContentType.URLENC)
                    .formParam("csrf-token", csrf.token()).formParam("site", SITE).formParam("json", broken)
                    .redirects().follow(true).when().post("/console/editor").then().statusCode(200).extract().asString();
            assertTrue(html.contains(lang[1]), lang[0] + ": " + html);
            assertTrue(html.contains(lang[2]), lang[0]);
            assertFalse(html.contains("required: a non-empty list of categories"), "no API English on the page");
        }
    }

    @Test
    void theApiKeepsItsEnglishMessagesAndNamesTheRule() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("Accept-Language", "de")
                .body("{\"languages\":[\"de\"],\"defaultLanguage\":\"de\",\"services\":[]}")
                .when().post("/api/v1/admin/sites/{site}/configs", SITE)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.message", hasItem("required: a non-empty list of categories"))
                .body("errors.code", hasItem("categories_required"))
                .body(not(containsString("\"args\"")));
    }

    @Test
    void badInputOnConsolePagesGivesAPageNeverA500() throws java.io.IOException {
        for (String path : new String[] { "/console/charts?site=" + SITE + "&days=abc",
                "/console/site?site=" + SITE + "&from=abc", "/console/site?site=" + SITE + "&from=1&to=abc",
                "/console/logs?site=" + SITE + "&from=abc" }) {
            // RestAssured and java.net.URI refuse a malformed escape, HttpURLConnection sends it as it is
            java.net.HttpURLConnection c = (java.net.HttpURLConnection) new java.net.URL(base, path).openConnection();
            c.setInstanceFollowRedirects(false);
            c.setRequestProperty("Cookie", LoginResource.SESSION_COOKIE + "=" + TestTokens.admin());
            c.setRequestProperty("Accept-Language", "de");
            int status = c.getResponseCode();
            java.io.InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            String body = in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            System.out.println("BADINPUT " + path + " → " + status + " " + c.getContentType() + " " + body.length());
            assertTrue(status < 500, path + " → " + status);
            assertTrue(String.valueOf(c.getContentType()).startsWith("text/html"), path + " → " + c.getContentType());
            assertTrue(body.contains("id=\"logout\""), path + ": a console page with the header: " + body);
            if (status >= 400) {
                assertTrue(body.contains("id=\"error-title\""), path + ": the error is shown");
            }
        }
        ConsoleTestData.Csrf csrf = ConsoleTestData.csrfFromLogin();
        Response login = given().cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie()).header("Accept-Language", "de")
                .contentType("application/x-www-form-urlencoded").body("csrf-token=" + csrf.token() + "&username=%zz&password=x")
                .redirects().follow(false).when().post("/console/login");
        System.out.println("BADINPUT login → " + login.statusCode() + " " + login.contentType() + " " + login.body().asString());
        assertTrue(login.statusCode() < 500, "login with %zz → " + login.statusCode());
        assertTrue(login.contentType().startsWith("text/html"), "login with %zz → " + login.contentType());
        assertFalse(login.body().asString().isBlank(), "login with %zz: a page");
    }
}
