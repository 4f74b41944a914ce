package org.consentledger.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.consentledger.config.ConfigService;
import org.consentledger.operator.OperatorTestData;
import org.consentledger.operator.Roles;
import org.consentledger.operator.TestTokens;
import org.consentledger.site.SiteService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's CSRF token is signed and bound to the browser's nonce and the sign-in (#14): a cookie + token pair
 * planted from elsewhere (a sibling subdomain's unsigned pair, the attacker's own browser or session, an earlier
 * sign-in) is refused with 403 and changes nothing; every console form works with its own token.
 */
@QuarkusTest
class ConsoleCsrfTest {

    static final String SITE = "csrf-site";
    private static final Pattern FORM = Pattern.compile(
            "<form method=\"post\" action=\"([^\"]+)\"[^>]*>\\s*<input type=\"hidden\" name=\"csrf-token\" value=\"([^\"]*)\">");

    @Inject
    SiteService sites;
    @Inject
    ConfigService configs;

    @BeforeEach
    void data() {
        OperatorTestData.site(sites, configs, SITE, "CSRF GmbH");
    }

    /** An admin session signed in with the password at {@code authTime} (the console renews it with the same auth_time). */
    static String adminSignedInAt(long authTime, long issuedAt) {
        return TestTokens.claims("csrf-admin", Set.of(Roles.ADMIN), List.of()).claim("auth_time", authTime)
                .issuedAt(issuedAt).expiresAt(issuedAt + 900).sign();
    }

    static Response postSettings(String session, Map<String, String> cookies, String token, String origin) {
        RequestSpecification request = given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, session)
                .cookies(cookies).contentType(ContentType.URLENC);
        if (token != null) {
            request.formParam("csrf-token", token);
        }
        return request.formParam("site", SITE).formParam("origins", origin).formParam("retentionDays", "400")
                .formParam("cookieName", "csrf_consent").formParam("cookieMaxAgeDays", "180").formParam("cookieDomain", "")
                .when().post("/console/site/settings");
    }

    static Map<String, String> nonce(ConsoleTestData.Csrf csrf) {
        return Map.of(ConsoleSession.CSRF_COOKIE, csrf.cookie());
    }

    static String origins() {
        return given().header("Authorization", "Bearer " + TestTokens.admin()).when().get("/api/v1/admin/sites/" + SITE)
                .then().statusCode(200).extract().jsonPath().getList("allowedOrigins").toString();
    }

    @Test
    void aPlantedOrForeignCookieAndTokenPairIsRefusedAndChangesNothing() {
        long now = Instant.now().getEpochSecond();
        String victim = adminSignedInAt(now - 100, now - 100);
        ConsoleTestData.Csrf own = ConsoleTestData.csrf(victim, "/console/site?site=" + SITE);

        // what a sibling subdomain can plant: an unsigned pair (cookie value = form value), under the new and the old name
        String unsigned = "A".repeat(43);
        assertEquals(403, postSettings(victim, Map.of(ConsoleSession.CSRF_COOKIE, unsigned), unsigned, "https://planted1.example").statusCode());
        assertEquals(403, postSettings(victim, Map.of("cl_csrf", unsigned), unsigned, "https://planted2.example").statusCode());
        // a real pair of the attacker's own browser, anonymous (login page) ...
        ConsoleTestData.Csrf anonymous = ConsoleTestData.csrfFromLogin();
        assertEquals(403, postSettings(victim, nonce(anonymous), anonymous.token(), "https://planted3.example").statusCode());
        // ... or signed in to the attacker's own account
        ConsoleTestData.Csrf attacker = ConsoleTestData.csrf(TestTokens.operator(SITE), "/console/site?site=" + SITE);
        assertEquals(403, postSettings(victim, nonce(attacker), attacker.token(), "https://planted4.example").statusCode());
        // the victim's token with a nonce cookie the attacker chose
        assertEquals(403, postSettings(victim, nonce(anonymous), own.token(), "https://planted5.example").statusCode());
        // a token of an earlier sign-in of the same account
        ConsoleTestData.Csrf earlier = ConsoleTestData.csrf(adminSignedInAt(now - 300, now - 300), "/console/site?site=" + SITE);
        assertEquals(403, postSettings(victim, nonce(earlier), earlier.token(), "https://planted6.example").statusCode());
        // no token, or no nonce cookie
        assertEquals(403, postSettings(victim, nonce(own), null, "https://planted7.example").statusCode());
        assertEquals(403, postSettings(victim, Map.of(), own.token(), "https://planted8.example").statusCode());
        assertFalse(origins().contains("planted"), "a refused form changed the site: " + origins());

        // the victim's own pair works, also after the console renewed the session's token (same sign-in)
        assertEquals(303, postSettings(victim, nonce(own), own.token(), "https://own1.example").statusCode());
        String renewed = adminSignedInAt(now - 100, now);
        assertEquals(303, postSettings(renewed, nonce(own), own.token(), "https://own2.example").statusCode());
        assertTrue(origins().contains("own2.example"), origins());
        // the token may also come as a header (scripts)
        given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, victim).cookies(nonce(own))
                .header("X-CSRF-Token", own.token()).contentType(ContentType.URLENC).formParam("site", SITE)
                .formParam("origins", "https://own3.example").formParam("retentionDays", "400")
                .formParam("cookieName", "csrf_consent").formParam("cookieMaxAgeDays", "180").formParam("cookieDomain", "")
                .when().post("/console/site/settings").then().statusCode(303);
    }

    @Test
    void theRefusalIsAConsolePageInTheUsersLanguage() {
        String admin = TestTokens.admin();
        ConsoleTestData.Csrf anonymous = ConsoleTestData.csrfFromLogin();
        String en = postSettings(admin, nonce(anonymous), anonymous.token(), "https://x.example").then().statusCode(403)
                .contentType(containsString("text/html")).extract().asString();
        assertTrue(en.contains("Form expired"), en);
        given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, admin).cookies(nonce(anonymous))
                .header("Accept-Language", "de").contentType(ContentType.URLENC).formParam("csrf-token", anonymous.token())
                .formParam("site", SITE).when().post("/console/site/settings")
                .then().statusCode(403).body(containsString("Formular abgelaufen"));
    }

    @Test
    void theNonceCookieIsHostOnlyHttpsOnlyAndOnlyOnConsolePages() {
        Response login = given().when().get("/console/login");
        String cookie = login.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith(ConsoleSession.CSRF_COOKIE + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no nonce cookie: " + login.headers()));
        assertTrue(ConsoleSession.CSRF_COOKIE.startsWith("__Host-"), "only this host can set it");
        for (String attribute : List.of("Path=/;", "HttpOnly", "Secure", "SameSite=Strict")) {
            assertTrue(cookie.contains(attribute), cookie);
        }
        assertFalse(cookie.toLowerCase().contains("domain="), cookie);
        // a browser that has one keeps it
        given().cookie(ConsoleSession.CSRF_COOKIE, login.cookie(ConsoleSession.CSRF_COOKIE)).when().get("/console/login")
                .then().statusCode(200).header("Set-Cookie", nullValue());
        given().when().get("/api/v1/sites/" + SITE + "/banner").then().statusCode(200).header("Set-Cookie", nullValue());
    }

    /**
     * Every form of every console page carries a token its own POST accepts (whatever the form's validation then says)
     * and a token of another session is refused there.
     */
    @Test
    void everyConsoleFormAcceptsItsOwnTokenAndRefusesAForeignOne() {
        String admin = TestTokens.admin();
        ConsoleTestData.Csrf editor = ConsoleTestData.csrf(admin, "/console/editor?site=" + SITE);
        String draft = given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, admin).cookies(nonce(editor))
                .contentType(ContentType.URLENC).formParam("csrf-token", editor.token()).formParam("site", SITE)
                .formParam("json", configs.list(SITE).get(0).content()).when().post("/console/editor")
                .then().statusCode(303).extract().header("Location").replaceAll(".*draft=", "");
        List<String> pages = List.of("/console", "/console/login", "/console/site?site=" + SITE, "/console/editor?site=" + SITE,
                "/console/editor/review?site=" + SITE + "&draft=" + draft, "/console/rollback?site=" + SITE + "&version=1",
                "/console/logs?site=" + SITE, "/console/charts?site=" + SITE, "/console/ledger?site=" + SITE,
                "/console/dsr?site=" + SITE + "&visitor=00000000-0000-4000-8000-000000000001", "/console/admin/accounts",
                "/console/admin/audit", "/console/sites/new", "/console/install?site=" + SITE, "/console/monitor?site=" + SITE);
        ConsoleTestData.Csrf foreign = ConsoleTestData.csrf(TestTokens.operator(SITE), "/console");
        Map<String, Integer> checked = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (String page : pages) {
            Response r = given().cookie(LoginResource.SESSION_COOKIE, admin).when().get(page);
            assertEquals(200, r.statusCode(), page);
            Map<String, String> cookies = Map.of(ConsoleSession.CSRF_COOKIE, r.cookie(ConsoleSession.CSRF_COOKIE));
            Matcher m = FORM.matcher(r.asString());
            while (m.find()) {
                String action = m.group(1);
                if (action.equals("/console/session/logout") && checked.containsKey(action)) {
                    continue;
                }
                int refused = given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, admin)
                        .cookie(ConsoleSession.CSRF_COOKIE, foreign.cookie()).contentType(ContentType.URLENC)
                        .formParam("csrf-token", foreign.token()).formParam("site", SITE).when().post(action).statusCode();
                if (refused != 403) {
                    failures.add(page + " -> " + action + ": foreign token answered " + refused);
                }
                if (action.equals("/console/session/logout")) {
                    checked.put(action, 0); // signing the shared test admin out is left to ConsoleSecurityTest
                    continue;
                }
                int status = given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, admin).cookies(cookies)
                        .contentType(ContentType.URLENC).formParam("csrf-token", m.group(2)).formParam("site", SITE)
                        .when().post(action).statusCode();
                checked.put(action, status);
                if (status == 403 || status >= 500) {
                    failures.add(page + " -> " + action + ": own token answered " + status);
                }
            }
        }
        assertEquals(List.of(), failures);
        Set<String> expected = new TreeSet<>(List.of("/console/login", "/console/session/logout", "/console/site/settings",
                "/console/editor", "/console/editor/publish", "/console/rollback",
                "/console/admin/accounts/create", "/console/admin/accounts/update", "/console/sites/new",
                "/console/monitor/settings"));
        // (the erase form and the monitor's add/ignore forms show only with consents or observations: ConsoleBrowserTest
        // and MonitorConsoleBrowserTest submit them with their page's token)
        assertTrue(checked.keySet().containsAll(expected), "forms found: " + checked);
        assertNotEquals(0, checked.size());
    }
}
