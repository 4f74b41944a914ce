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

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Console sign-in, cookie flags, CSRF, role and tenant refusals, security headers, escaping (real HTTP, real DB). */
@QuarkusTest
class ConsoleSecurityTest {

    static final String SITE = "console-alpha";
    static final String OTHER = "console-beta";
    static final String XSS_SITE = "console-xss";
    static final String XSS_NAME = "<script>window.pwned=1</script>\"onmouseover=\"window.pwned=2";

    @Inject
    SiteService sites;
    @Inject
    ConfigService configs;
    @Inject
    RateLimiter rateLimiter;

    @BeforeEach
    void data() {
        OperatorTestData.site(sites, configs, SITE, "Alpha GmbH");
        OperatorTestData.site(sites, configs, OTHER, "Beta GmbH");
        ConsoleTestData.xssSite(sites, configs, XSS_SITE, XSS_NAME);
        rateLimiter.reset();
    }

    @Test
    void withoutSessionEveryPageRedirectsToLogin() {
        for (String path : new String[] { "/console", "/console/site?site=" + SITE, "/console/logs?site=" + SITE,
                "/console/admin/accounts", "/console/ledger?site=" + SITE }) {
            given().redirects().follow(false).when().get(path).then().statusCode(303)
                    .header("Location", containsString("/console/login"));
        }
    }

    @Test
    void forgedExpiredAndAlgNoneCookiesAreRejectedAndCleared() {
        for (String token : new String[] { TestTokens.forged(), TestTokens.expired(), TestTokens.algNone(),
                TestTokens.wrongIssuer(), "not-a-jwt" }) {
            given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, token).when().get("/console")
                    .then().statusCode(303).header("Location", containsString("/console/login"));
        }
    }

    @Test
    void loginSetsAStrictHttpOnlySecureCookieAndLogoutClearsIt() {
        ConsoleTestData.Csrf csrf = ConsoleTestData.csrfFromLogin();
        Response login = given().redirects().follow(false).cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie())
                .contentType(ContentType.URLENC).formParam("csrf-token", csrf.token())
                .formParam("username", "admin").formParam("password", "test-admin-password-1")
                .when().post("/console/login");
        assertEquals(303, login.statusCode());
        assertEquals("/console", java.net.URI.create(login.header("Location")).getPath());
        String setCookie = login.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith("cl_session="))
                .findFirst().orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("Secure"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/console"), setCookie);
        String session = login.cookie(LoginResource.SESSION_COOKIE);
        assertNotNull(session);

        given().cookie(LoginResource.SESSION_COOKIE, session).when().get("/console").then().statusCode(200)
                .body(containsString("Alpha GmbH"));
        // the same token is a bearer token of the API; the cookie alone is not sent there by browsers (Path=/console)
        given().header("Authorization", "Bearer " + session).when().get("/api/v1/admin/sites").then().statusCode(200);

        ConsoleTestData.Csrf pageCsrf = ConsoleTestData.csrf(session, "/console");
        Response logout = given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, session)
                .cookie(ConsoleSession.CSRF_COOKIE, pageCsrf.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf-token", pageCsrf.token()).when().post("/console/session/logout");
        assertEquals(303, logout.statusCode());
        assertTrue(logout.header("Location").endsWith("/console/login"));
        assertTrue(logout.headers().getValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith("cl_session=;") && c.contains("Max-Age=0")), logout.headers().toString());
        // logging out ends the session itself, not only this browser's copy of the cookie
        given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, session).when().get("/console")
                .then().statusCode(303).header("Location", containsString("/console/login"));
        given().header("Authorization", "Bearer " + session).when().get("/api/v1/admin/sites").then().statusCode(401);
    }

    @Test
    void aConsoleSessionInUseIsRenewedWithShortTokensUntilItsMaximumAge() {
        String user = "rn-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"username\":\"" + user + "\",\"password\":\"renewal-secret-1\",\"roles\":[\"admin\"]}")
                .post("/api/v1/admin/users").then().statusCode(201);
        long now = java.time.Instant.now().getEpochSecond();
        // a token of this account issued 10 minutes ago (tokens live 15): past half its life
        String old = TestTokens.claims(user, java.util.Set.of("admin"), java.util.List.of()).claim("tv", 0)
                .claim("auth_time", now - 600).issuedAt(now - 600).expiresAt(now + 300).sign();
        Response page = given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, old).when().get("/console");
        assertEquals(200, page.statusCode());
        String renewed = page.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith("cl_session=ey"))
                .findFirst().orElseThrow(() -> new AssertionError("no renewed session cookie"));
        assertTrue(renewed.contains("Max-Age=900") && renewed.contains("HttpOnly"), renewed);
        String fresh = renewed.substring("cl_session=".length(), renewed.indexOf(';'));
        given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, fresh).when().get("/console")
                .then().statusCode(200);
        // a sign-in older than the maximum session age (12 h) is not renewed
        String ancient = TestTokens.claims(user, java.util.Set.of("admin"), java.util.List.of()).claim("tv", 0)
                .claim("auth_time", now - 13 * 3600).issuedAt(now - 600).expiresAt(now + 300).sign();
        Response last = given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, ancient).when().get("/console");
        assertEquals(200, last.statusCode());
        assertFalse(last.headers().getValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("cl_session=ey")));
    }

    static final String[] PAGES = { "/console", "/console/site?site=" + SITE, "/console/editor?site=" + SITE,
            "/console/logs?site=" + SITE, "/console/charts?site=" + SITE, "/console/ledger?site=" + SITE,
            "/console/dsr?site=" + SITE, "/console/admin/accounts", "/console/admin/audit", "/console/sites/new",
            "/console/install?site=" + SITE, "/console/monitor?site=" + SITE, "/console/rollback?site=" + SITE + "&version=1",
            "/console/logs/export?format=csv&site=" + SITE,
            "/console/admin/accounts/confirm?op=disable&username=admin", "/console/charts?site=" + SITE + "&days=7",
            "/console?days=7", "/console/dsr?site=" + SITE + "&visitor=abcd1234" };

    /**
     * A session (console cookie) of an account that was disabled, demoted, signed out or given a new password is
     * refused on every console page and form (#14 item 2), even with the form's own CSRF token: back to the login page.
     */
    @Test
    void sessionsOfDisabledDemotedLoggedOutOrResetAccountsAreRefusedOnEveryPageAndForm() {
        for (String revocation : new String[] { "disable", "demote", "logout", "password" }) {
            String user = "cs-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body("{\"username\":\"" + user + "\",\"password\":\"console-secret-1\",\"roles\":[\"admin\"]}")
                    .post("/api/v1/admin/users").then().statusCode(201);
            String session = given().contentType(ContentType.JSON)
                    .body("{\"username\":\"" + user + "\",\"password\":\"console-secret-1\"}")
                    .post("/api/v1/auth/token").then().statusCode(200).extract().path("access_token");
            for (String page : PAGES) {
                given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, session).when().get(page)
                        .then().statusCode(200);
            }
            ConsoleTestData.Csrf csrf = ConsoleTestData.csrf(session, "/console/site?site=" + SITE);
            switch (revocation) {
                case "disable" -> given().auth().oauth2(TestTokens.admin()).post("/api/v1/admin/users/" + user + "/disable")
                        .then().statusCode(200);
                case "demote" -> given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                        .body("{\"roles\":[\"auditor\"],\"sites\":[\"" + OTHER + "\"]}")
                        .put("/api/v1/admin/users/" + user + "/roles").then().statusCode(200);
                // signed out in another tab (the console form), so this copy of the cookie is still in a browser
                case "logout" -> given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, session)
                        .cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie()).contentType(ContentType.URLENC)
                        .formParam("csrf-token", csrf.token()).when().post("/console/session/logout").then().statusCode(303);
                default -> given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                        .body("{\"password\":\"console-secret-2-new\"}")
                        .post("/api/v1/admin/users/" + user + "/password").then().statusCode(200);
            }
            for (String page : PAGES) {
                given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, session).when().get(page)
                        .then().statusCode(303).header("Location", containsString("/console/login"));
            }
            Map<String, String> forms = Map.of(
                    "/console/site/settings", "origins=https%3A%2F%2Frevoked.example&retentionDays=400&cookieName=x_consent&cookieMaxAgeDays=180",
                    "/console/admin/accounts/create", "username=revoked-made-" + user + "&password=revoked-secret-123&role=admin",
                    "/console/sites/new", "name=Revoked&siteKey=revoked-" + user + "&origin=https%3A%2F%2Frevoked.example");
            forms.forEach((path, body) -> given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, session)
                    .cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie()).contentType(ContentType.URLENC)
                    .body("csrf-token=" + csrf.token() + "&site=" + SITE + "&" + body).when().post(path)
                    .then().statusCode(303).header("Location", containsString("/console/login")));
            assertFalse(siteJson().getList("allowedOrigins").toString().contains("revoked.example"), revocation);
            given().header("Authorization", "Bearer " + TestTokens.admin()).when().get("/api/v1/admin/sites/revoked-" + user)
                    .then().statusCode(404);
        }
    }

    @Test
    void wrongPasswordShowsAnErrorAndSetsNoSession() {
        ConsoleTestData.Csrf csrf = ConsoleTestData.csrfFromLogin();
        Response r = given().redirects().follow(false).cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie())
                .contentType(ContentType.URLENC).formParam("csrf-token", csrf.token())
                .formParam("username", "admin").formParam("password", "wrong-password-123").when().post("/console/login");
        assertEquals(401, r.statusCode());
        assertTrue(r.body().asString().contains("login-error"));
        assertFalse(r.headers().getValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("cl_session=ey")));
    }

    @Test
    void formsWithoutOrWithAWrongCsrfTokenAreRefused() {
        ConsoleTestData.Csrf csrf = ConsoleTestData.csrfFromLogin();
        // no token at all
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("username", "admin")
                .formParam("password", "test-admin-password-1").when().post("/console/login")
                .then().statusCode(403).header("Set-Cookie", nullValue());
        // cookie present, form token of another session
        given().redirects().follow(false).cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf-token", ConsoleTestData.csrfFromLogin().token()).formParam("username", "admin")
                .formParam("password", "test-admin-password-1").when().post("/console/login")
                .then().statusCode(403);
        // a signed-in admin changing settings without the token: refused, nothing changed
        String admin = TestTokens.admin();
        given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, admin).contentType(ContentType.URLENC)
                .formParam("site", SITE).formParam("origins", "https://evil.example").formParam("retentionDays", "1")
                .when().post("/console/site/settings").then().statusCode(403);
        assertFalse(siteJson().getList("allowedOrigins").toString().contains("evil.example"));
    }

    @Test
    void auditorSeesNoControlsAndIsRefusedWhenPostingAnyway() {
        String auditor = TestTokens.auditor(SITE);
        String page = given().cookie(LoginResource.SESSION_COOKIE, auditor).when().get("/console/site?site=" + SITE)
                .then().statusCode(200).extract().asString();
        assertFalse(page.contains("id=\"settings\""), "no settings form");
        assertFalse(page.contains("/console/editor"), "no editor link");
        String dsr = given().cookie(LoginResource.SESSION_COOKIE, auditor)
                .when().get("/console/dsr?site=" + SITE + "&visitor=00000000-0000-4000-8000-000000000001")
                .then().statusCode(200).extract().asString();
        assertFalse(dsr.contains("erase-form"));

        ConsoleTestData.Csrf csrf = ConsoleTestData.csrf(auditor, "/console/site?site=" + SITE);
        Map<String, String> posts = Map.of(
                "/console/site/settings", "origins=https%3A%2F%2Fa.example&retentionDays=30",
                "/console/editor", "json=%7B%7D",
                "/console/editor/publish", "draft=00000000000000000000000000000000",
                "/console/editor/discard", "draft=00000000000000000000000000000000",
                "/console/dsr/erase", "visitor=00000000-0000-4000-8000-000000000001&confirm=yes",
                "/console/dsr/request", "visitor=abcd1234&kind=access&channel=email&received=2026-11-01");
        posts.forEach((path, body) -> given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, auditor)
                .cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie()).contentType(ContentType.URLENC)
                .body("csrf-token=" + csrf.token() + "&site=" + SITE + "&" + body).when().post(path)
                .then().statusCode(403));
        given().cookie(LoginResource.SESSION_COOKIE, auditor).when().get("/console/editor?site=" + SITE)
                .then().statusCode(403);
        given().cookie(LoginResource.SESSION_COOKIE, auditor).when().get("/console/admin/accounts").then().statusCode(403);
        given().cookie(LoginResource.SESSION_COOKIE, auditor).when()
                .get("/console/admin/accounts/confirm?op=disable&username=admin").then().statusCode(403);
    }

    @Test
    void operatorCannotSeeOrChangeAnotherTenantsSite() {
        String operator = TestTokens.operator(SITE);
        given().cookie(LoginResource.SESSION_COOKIE, operator).when().get("/console").then().statusCode(200)
                .body(containsString("Alpha GmbH")).body(not(containsString("Beta GmbH")));
        for (String path : new String[] { "/console/site?site=" + OTHER, "/console/logs?site=" + OTHER,
                "/console/logs/export?format=csv&site=" + OTHER, "/console/ledger?site=" + OTHER,
                "/console/dsr?site=" + OTHER, "/console/charts?site=" + OTHER, "/console/editor?site=" + OTHER }) {
            given().cookie(LoginResource.SESSION_COOKIE, operator).when().get(path).then().statusCode(404)
                    .body(not(containsString("Beta GmbH")));
        }
        ConsoleTestData.Csrf csrf = ConsoleTestData.csrf(operator, "/console");
        given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, operator)
                .cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie()).contentType(ContentType.URLENC)
                .body("csrf-token=" + csrf.token() + "&site=" + OTHER + "&origins=https%3A%2F%2Fa.example&retentionDays=30")
                .when().post("/console/site/settings").then().statusCode(404);
        given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, operator)
                .cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie()).contentType(ContentType.URLENC)
                .body("csrf-token=" + csrf.token() + "&site=" + OTHER + "&visitor=abcd1234&kind=access&channel=email")
                .when().post("/console/dsr/request").then().statusCode(404);
        given().cookie(LoginResource.SESSION_COOKIE, operator).when().get("/console/admin/audit").then().statusCode(403);
        given().cookie(LoginResource.SESSION_COOKIE, operator).when()
                .get("/console/admin/accounts/confirm?op=password&username=admin").then().statusCode(403);
    }

    @Test
    void pagesSendAStrictContentSecurityPolicy() {
        String admin = TestTokens.admin();
        Response page = given().cookie(LoginResource.SESSION_COOKIE, admin).when().get("/console");
        String csp = page.header("Content-Security-Policy");
        assertNotNull(csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        assertFalse(csp.contains("unsafe-eval"), csp);
        assertTrue(csp.contains("script-src 'self'"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("DENY", page.header("X-Frame-Options"));
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        given().when().get("/console/login").then().header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        assertFalse(page.body().asString().contains("style=\""), "no inline style attributes");
        assertFalse(page.body().asString().matches("(?s).*<script>.*"), "no inline scripts");
    }

    @Test
    void operatorTextIsEscapedEverywhere() {
        String admin = TestTokens.admin();
        for (String path : new String[] { "/console", "/console/site?site=" + XSS_SITE, "/console/editor?site=" + XSS_SITE,
                "/console/logs?site=" + XSS_SITE, "/console/dsr?site=" + XSS_SITE }) {
            String html = given().cookie(LoginResource.SESSION_COOKIE, admin).when().get(path).then().statusCode(200)
                    .extract().asString();
            assertFalse(html.contains("<script>window.pwned"), path + " shows a planted script tag unescaped");
            assertFalse(html.contains("\"onmouseover=\""), path + " lets a planted attribute out of its quotes");
            assertTrue(html.contains("&lt;script&gt;window.pwned=1&lt;/script&gt;"), path + " shows the name escaped");
        }
        String editor = given().cookie(LoginResource.SESSION_COOKIE, admin).when().get("/console/editor?site=" + XSS_SITE)
                .asString();
        assertTrue(editor.contains("&lt;img src=x onerror=window.pwned=3&gt;"), "service name escaped in the editor");
        assertFalse(editor.contains("<img src=x"));
    }

    @Test
    void theApiStillTakesBearerTokensAndIgnoresNoCookie() {
        given().header("Authorization", "Bearer " + TestTokens.admin()).when().get("/api/v1/admin/sites")
                .then().statusCode(200);
        given().when().get("/api/v1/admin/sites").then().statusCode(401);
        // a forged cookie does not pass as a session on the API either
        given().cookie(LoginResource.SESSION_COOKIE, TestTokens.forged()).when().get("/api/v1/admin/sites")
                .then().statusCode(401);
        // visitor endpoints never get a CSRF cookie
        given().header("Origin", "https://" + SITE + ".example").when().get("/api/v1/sites/" + SITE + "/banner")
                .then().statusCode(200).header("Set-Cookie", nullValue());
        given().when().get("/console/login").then().statusCode(200).cookie(ConsoleSession.CSRF_COOKIE, not(equalTo("")));
    }

    private static Response postEditor(String session, ConsoleTestData.Csrf csrf, Map<String, String> fields) {
        var request = given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, session)
                .cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf-token", csrf.token()).formParam("site", SITE);
        fields.forEach(request::formParam);
        return request.when().post("/console/editor");
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void validationErrorsAppearNextToTheirFieldAndNothingIsPublished() {
        String operator = TestTokens.operator(SITE);
        ConsoleTestData.Csrf csrf = ConsoleTestData.csrf(operator, "/console/editor?site=" + SITE);
        int versionsBefore = configs.list(SITE).size();
        String json = configs.list(SITE).get(0).content();
        Response saved = postEditor(operator, csrf, fields("json", json, "action", "save",
                "services[1].cookies[0].maxAge.amount", "forever", "services[1].cookies[0].maxAge.unit", "years",
                "categories[1].title.en", "Measuring"));
        assertEquals(303, saved.statusCode());
        assertTrue(saved.header("Location").contains("check=1"), "saving checks every field");
        String editor = given().cookie(LoginResource.SESSION_COOKIE, operator).when().get(saved.header("Location").replaceAll("#.*", ""))
                .then().statusCode(200).extract().asString();
        assertTrue(editor.matches("(?s).*name=\"services\\[1\\]\\.cookies\\[0\\]\\.maxAge\\.amount\"[^>]*>\\s*"
                + "<p class=\"field-error\" id=\"[^\"]+\" data-error-for=\"services\\[1\\]\\.cookies\\[0\\]\\.maxAge\\.amount\">.*"),
                "the error sits right after its field");
        assertTrue(editor.contains("value=\"forever\""), "what was typed is shown again");
        assertTrue(editor.contains("1 field needs a correction"), "the summary counts in correct grammar");
        assertTrue(editor.contains("value=\"Measuring\""), "the other edit is kept in the draft");
        assertFalse(editor.contains("id=\"publish\""), "an invalid draft cannot be published");
        assertEquals(versionsBefore, configs.list(SITE).size());
    }

    @Test
    void tamperedEditorFormsShowTheEditorWithTheProblemAndSaveNothing() {
        String operator = TestTokens.operator(SITE);
        ConsoleTestData.Csrf csrf = ConsoleTestData.csrf(operator, "/console/editor?site=" + SITE);
        String json = configs.list(SITE).get(0).content();
        for (Map<String, String> bad : List.of(
                fields("json", json, "action", "save", "services[2147483647999].name", "x"),
                fields("json", json, "action", "save", "services[0].cookies[99999].name", "x"),
                fields("json", json, "action", "save", "__proto__", "x", "texts.en.<script>", "y"),
                fields("json", json, "action", "remove:services[99999999999]"),
                fields("json", json, "action", "explode"))) {
            Response r = postEditor(operator, csrf, bad);
            assertEquals(422, r.statusCode(), bad.toString());
            assertTrue(r.contentType().startsWith("text/html"));
            assertTrue(r.body().asString().contains("id=\"form-errors\""), "the problem is named on the page");
            assertFalse(r.body().asString().contains("<script>"), "posted names are escaped");
        }
        Response notJson = postEditor(operator, csrf, fields("json", "{not json", "action", "save"));
        assertEquals(422, notJson.statusCode());
        assertTrue(notJson.body().asString().contains("id=\"json-error\""));
    }

    @Test
    void formAddsAndRemovesServicesAndCookiesWithoutErrorsBeforeAnythingIsTyped() {
        String operator = TestTokens.operator(SITE);
        ConsoleTestData.Csrf csrf = ConsoleTestData.csrf(operator, "/console/editor?site=" + SITE);
        String json = configs.list(SITE).get(0).content();
        int services = new io.restassured.path.json.JsonPath(json).getList("services").size();
        String added = "services[" + services + "]";
        Response saved = postEditor(operator, csrf, fields("json", json, "categories[1].title.en", "Measuring",
                "action", "add:service"));
        assertEquals(303, saved.statusCode());
        assertFalse(saved.header("Location").contains("check=1"));
        String editor = given().cookie(LoginResource.SESSION_COOKIE, operator).when().get(saved.header("Location").replaceAll("#.*", ""))
                .then().statusCode(200).extract().asString();
        assertTrue(editor.contains("name=\"" + added + ".name\""), "the new service has its fields");
        assertTrue(editor.contains("data-error-for=\"" + added + ".name\" hidden data-pending"),
                "the empty name waits until it was touched");
        assertFalse(editor.contains("id=\"error-summary\""), "no error summary before anything was typed");
        assertTrue(editor.contains("id=\"pending-note\""));
        assertTrue(editor.contains("value=\"add:cookie:" + added + "\""), "the new service can get cookies");
        assertTrue(editor.contains("value=\"Measuring\""), "the edit made together with the addition is kept");
        String draft = saved.header("Location").replaceAll(".*draft=([0-9a-f]{32}).*", "$1");

        Response check = postEditor(operator, csrf, fields("json", draftJson(editor), "draft", draft, "action", "save"));
        assertEquals(draft, check.header("Location").replaceAll(".*draft=([0-9a-f]{32}).*", "$1"), "saving keeps the draft");
        editor = given().cookie(LoginResource.SESSION_COOKIE, operator).when().get(check.header("Location").replaceAll("#.*", ""))
                .then().statusCode(200).extract().asString();
        assertTrue(editor.contains("id=\"error-summary\""), "after saving, the missing fields are named");
        assertTrue(editor.contains("fields need a correction"));

        Response withCookie = postEditor(operator, csrf, fields("json", draftJson(editor), "draft", draft,
                "action", "add:cookie:" + added));
        editor = given().cookie(LoginResource.SESSION_COOKIE, operator).when().get(withCookie.header("Location").replaceAll("#.*", ""))
                .then().statusCode(200).extract().asString();
        assertTrue(editor.contains("name=\"" + added + ".cookies[0].name\""), "the cookie was added to the new service");

        Response removed = postEditor(operator, csrf, fields("json", draftJson(editor), "draft", draft,
                "action", "remove:" + added));
        editor = given().cookie(LoginResource.SESSION_COOKIE, operator).when().get(removed.header("Location").replaceAll("#.*", ""))
                .then().statusCode(200).extract().asString();
        assertFalse(editor.contains("name=\"" + added + ".name\""), "the service is gone again");
        assertTrue(editor.contains("id=\"publish\""), "without the unfinished service the draft can be published");
    }

    @Test
    void draftsAreKeptUntilDiscardedAndOfferedAgain() {
        String operator = TestTokens.operator(SITE);
        ConsoleTestData.Csrf csrf = ConsoleTestData.csrf(operator, "/console/editor?site=" + SITE);
        Response saved = postEditor(operator, csrf, fields("json", configs.list(SITE).get(0).content(), "action", "save",
                "texts.en.title", "Kept draft"));
        String draft = saved.header("Location").replaceAll(".*draft=([0-9a-f]{32}).*", "$1");
        String fresh = given().cookie(LoginResource.SESSION_COOKIE, operator).when().get("/console/editor?site=" + SITE)
                .then().statusCode(200).extract().asString();
        assertTrue(fresh.contains("id=\"open-draft\""), "the open draft is offered again");
        assertTrue(fresh.contains("draft=" + draft), fresh);
        assertFalse(fresh.contains("expire"), "no expiry is announced");
        // an auditor may not discard it, nor may another tenant's operator
        ConsoleTestData.Csrf auditorCsrf = ConsoleTestData.csrf(TestTokens.auditor(SITE), "/console/site?site=" + SITE);
        given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, TestTokens.auditor(SITE))
                .cookie(ConsoleSession.CSRF_COOKIE, auditorCsrf.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf-token", auditorCsrf.token()).formParam("site", SITE).formParam("draft", draft)
                .when().post("/console/editor/discard").then().statusCode(403);
        given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, operator)
                .cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf-token", csrf.token()).formParam("site", OTHER).formParam("draft", draft)
                .when().post("/console/editor/discard").then().statusCode(404);
        given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, operator)
                .cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf-token", csrf.token()).formParam("site", SITE).formParam("draft", draft)
                .when().post("/console/editor/discard").then().statusCode(303)
                .header("Location", containsString("notice=discarded"));
        given().cookie(LoginResource.SESSION_COOKIE, operator).when().get("/console/editor?site=" + SITE + "&draft=" + draft)
                .then().statusCode(404);
    }

    /** The draft's JSON as the fields form carries it (hidden input, HTML-escaped). */
    private static String draftJson(String editor) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<input type=\"hidden\" name=\"json\" value=\"([^\"]*)\">")
                .matcher(editor);
        assertTrue(m.find(), "the fields form carries the draft");
        return m.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    @Test
    void operatorSavesSettingsAndBadInputIsShownNotStored() {
        String operator = TestTokens.operator(SITE);
        ConsoleTestData.Csrf csrf = ConsoleTestData.csrf(operator, "/console/site?site=" + SITE);
        given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, operator)
                .cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf-token", csrf.token()).formParam("site", SITE)
                .formParam("origins", "https://console-alpha.example\nhttps://www.console-alpha.example")
                .formParam("retentionDays", "1095").formParam("cookieName", "ibki_consent")
                .formParam("cookieMaxAgeDays", "180").formParam("cookieDomain", "")
                .when().post("/console/site/settings").then().statusCode(303)
                .header("Location", containsString("notice=saved"));
        // retention unchanged: only admins change it (#14); the rest of the form is saved
        assertEquals(1095, (int) siteJson().getInt("retentionDays"));
        assertTrue(siteJson().getList("allowedOrigins").toString().contains("www.console-alpha.example"));
        String page = given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, operator)
                .cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf-token", csrf.token()).formParam("site", SITE)
                .formParam("origins", "javascript:alert(1)").formParam("retentionDays", "400")
                .formParam("cookieName", "ibki_consent").formParam("cookieMaxAgeDays", "180")
                .when().post("/console/site/settings").then().statusCode(422).extract().asString();
        assertTrue(page.contains("class=\"field-error\""), "the problem is shown on the form");
        assertTrue(page.contains("javascript:alert(1)"), "the input is kept for correction");
        assertFalse(siteJson().getList("allowedOrigins").toString().contains("javascript"));
    }

    @Test
    void onlyThePreviewMayBeFramedAndOnlyByTheConsole() {
        String admin = TestTokens.admin();
        ConsoleTestData.Csrf csrf = ConsoleTestData.csrf(admin, "/console/editor?site=" + SITE);
        String location = given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, admin)
                .cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf-token", csrf.token()).formParam("site", SITE)
                .formParam("json", configs.list(SITE).get(0).content()).when().post("/console/editor").header("Location");
        String draft = location.replaceAll(".*draft=", "");
        Response preview = given().cookie(LoginResource.SESSION_COOKIE, admin)
                .when().get("/console/preview?site=" + SITE + "&draft=" + draft + "&lang=de");
        assertEquals(200, preview.statusCode());
        assertTrue(preview.header("Content-Security-Policy").contains("frame-ancestors 'self'"));
        assertEquals("SAMEORIGIN", preview.header("X-Frame-Options"));
        assertTrue(preview.body().asString().contains("src=\"/banner.js\""), "the real banner script");
        // the draft config the banner fetches: the draft, not the published version, with a cookie of its own
        given().when().get("/console/preview-config/" + draft + "/api/v1/sites/" + SITE + "/banner?lang=de")
                .then().statusCode(200).body("cookie.name", containsString("cl_preview_"))
                .body("language", equalTo("de"));
        given().when().get("/console/preview-config/00000000000000000000000000000000/api/v1/sites/" + SITE + "/banner")
                .then().statusCode(404);
        // a form body sent to the API is refused (415: the API takes JSON only; before that the CSRF check's 400)
        given().contentType(ContentType.URLENC).formParam("x", "y").header("Authorization", "Bearer " + admin)
                .when().post("/api/v1/admin/users/admin/enable").then().statusCode(org.hamcrest.Matchers.oneOf(400, 415));
    }

    /** The site as the API reads it now (the test's own persistence context may hold an older copy). */
    private static io.restassured.path.json.JsonPath siteJson() {
        return given().header("Authorization", "Bearer " + TestTokens.admin()).when().get("/api/v1/admin/sites/" + SITE)
                .then().statusCode(200).extract().jsonPath();
    }
}
