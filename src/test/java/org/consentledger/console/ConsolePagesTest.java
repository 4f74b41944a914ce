package org.consentledger.console;

import io.agroal.api.AgroalDataSource;
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

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Console pages over real HTTP: log paging, accounts page actions (admin). */
@QuarkusTest
class ConsolePagesTest {

    static final String SITE = "console-paging";
    private static final Pattern RECEIPT = Pattern.compile("/api/v1/receipts/([0-9a-f-]{36})");
    private static final Pattern NEXT = Pattern.compile("href=\"([^\"]+)\" id=\"next-page\"");

    @Inject
    SiteService sites;
    @Inject
    ConfigService configs;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    RateLimiter rateLimiter;

    @BeforeEach
    void data() {
        if (sites.findByKey(SITE).isEmpty()) {
            long id = OperatorTestData.site(sites, configs, SITE, "Paging AG");
            Instant start = Instant.now().minusSeconds(3600);
            for (int i = 0; i < 75; i++) {
                OperatorTestData.mixedEvent(dataSource, id, UUID.randomUUID().toString(), i, start.plusSeconds(i));
            }
        }
        rateLimiter.reset();
    }

    @Test
    void logPagesFollowTheKeysetWithoutRepeatsOrGaps() {
        String auditor = TestTokens.auditor(SITE);
        Set<String> seen = new HashSet<>();
        String url = "/console/logs?site=" + SITE;
        int pages = 0;
        while (url != null) {
            String html = given().cookie(LoginResource.SESSION_COOKIE, auditor).when().get(url.replace("&amp;", "&"))
                    .then().statusCode(200).extract().asString();
            Matcher m = RECEIPT.matcher(html);
            while (m.find()) {
                assertTrue(seen.add(m.group(1)), "no event twice");
            }
            Matcher next = NEXT.matcher(html);
            url = next.find() ? next.group(1) : null;
            pages++;
        }
        assertEquals(75, seen.size());
        assertEquals(2, pages, "50 per page");

        String refused = given().cookie(LoginResource.SESSION_COOKIE, auditor)
                .when().get("/console/logs?site=" + SITE + "&action=refused").asString();
        Matcher m = RECEIPT.matcher(refused);
        int count = 0;
        while (m.find()) {
            count++;
        }
        assertEquals(25, count, "the filter narrows the list");
        String bad = given().cookie(LoginResource.SESSION_COOKIE, auditor)
                .when().get("/console/logs?site=" + SITE + "&action=sideways").then().statusCode(200).extract().asString();
        assertTrue(bad.contains("class=\"error\""), "an invalid filter is explained on the page");
    }

    @Test
    void dataSubjectPageListsTrackedRequestsWithTheirDeadline() {
        String site = "console-dsr-" + UUID.randomUUID().toString().substring(0, 8);
        OperatorTestData.site(sites, configs, site, "DSR GmbH");
        String auditorView = given().cookie(LoginResource.SESSION_COOKIE, TestTokens.auditor(site))
                .when().get("/console/dsr?site=" + site).then().statusCode(200).extract().asString();
        assertTrue(auditorView.contains("id=\"dsr-none\""), "no requests yet");
        String lookedUp = given().cookie(LoginResource.SESSION_COOKIE, TestTokens.operator(site))
                .when().get("/console/dsr?site=" + site + "&visitor=looked-up-visitor").then().statusCode(200).extract().asString();
        assertTrue(lookedUp.contains("id=\"dsr-none\""), "looking a visitor up does not record an answered request");
        given().auth().oauth2(TestTokens.admin()).queryParam("site", site).queryParam("action", "dsr.search")
                .when().get("/api/v1/admin/audit").then().statusCode(200)
                .body("items[0].target", org.hamcrest.Matchers.equalTo("looked-up-visitor"));

        String late = "late-visitor-1";
        given().auth().oauth2(TestTokens.operator(site)).contentType(ContentType.JSON)
                .body("{\"visitorId\":\"" + late + "\",\"kind\":\"access\",\"receivedAt\":\""
                        + Instant.now().minus(40, ChronoUnit.DAYS) + "\"}")
                .when().post("/api/v1/admin/sites/" + site + "/dsr").then().statusCode(201);
        given().auth().oauth2(TestTokens.operator(site)).contentType(ContentType.JSON)
                .body("{\"visitorId\":\"fresh-visitor-2\",\"kind\":\"erasure\"}")
                .when().post("/api/v1/admin/sites/" + site + "/dsr").then().statusCode(201);

        String html = given().cookie(LoginResource.SESSION_COOKIE, TestTokens.auditor(site)).header("Accept-Language", "en")
                .when().get("/console/dsr?site=" + site).then().statusCode(200).extract().asString();
        assertTrue(html.contains("2 open, 1 overdue"), "counts with the deadline state");
        assertTrue(html.matches("(?s).*<tr class=\"overdue\"><th scope=\"row\"[^>]*data-kind=\"access\">[^<]+</th>"
                + "<td[^>]*><a href=\"/console/dsr\\?site=" + site + "&amp;visitor=" + late + "\">" + late + "</a>.*"),
                "the late request is flagged and links to the visitor");
        assertTrue(html.contains("fresh-visitor-2"));
    }

    @Test
    void adminCreatesDisablesAndResetsAnAccount() {
        String admin = TestTokens.admin();
        String user = "console-user-" + UUID.randomUUID().toString().substring(0, 8);
        ConsoleTestData.Csrf csrf = ConsoleTestData.csrf(admin, "/console/admin/accounts");
        given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, admin)
                .cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf-token", csrf.token()).formParam("username", user)
                .formParam("password", "a-good-password-1").formParam("roles", "operator").formParam("sites", SITE)
                .when().post("/console/admin/accounts/create").then().statusCode(303);
        String page = given().cookie(LoginResource.SESSION_COOKIE, admin).when().get("/console/admin/accounts").asString();
        assertTrue(page.contains(user));
        assertEquals(200, token(user, "a-good-password-1"));

        // too short a password: refused with the reason, no account
        Response weak = given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, admin)
                .cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf-token", csrf.token()).formParam("username", user + "x").formParam("password", "short")
                .formParam("roles", "auditor").when().post("/console/admin/accounts/create");
        assertEquals(422, weak.statusCode());
        assertTrue(weak.asString().contains("account-error"));

        Response reset = given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, admin)
                .cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf-token", csrf.token()).formParam("username", user).formParam("op", "password")
                .formParam("confirm", "yes").when().post("/console/admin/accounts/update");
        assertEquals(200, reset.statusCode());
        Matcher generated = Pattern.compile("id=\"generated\">[^<]*<code>([^<]+)</code>").matcher(reset.asString());
        assertTrue(generated.find(), "the new password is shown once");
        assertEquals(401, token(user, "a-good-password-1"), "the old password no longer works");
        String newPassword = generated.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'");
        assertEquals(200, token(user, newPassword));

        given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, admin)
                .cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf-token", csrf.token()).formParam("username", user).formParam("op", "disable")
                .formParam("confirm", "yes").when().post("/console/admin/accounts/update").then().statusCode(303);
        assertEquals(401, token(user, newPassword), "a disabled account cannot sign in");

        String audit = given().cookie(LoginResource.SESSION_COOKIE, admin)
                .when().get("/console/admin/audit?action=account.disable").asString();
        assertTrue(audit.contains(user), "the audit trail names the change");
        assertNotNull(audit);
        assertFalse(audit.contains(newPassword), "never the password");
    }

    private int token(String user, String password) {
        rateLimiter.reset();
        return given().contentType(ContentType.JSON).body(java.util.Map.of("username", user, "password", password))
                .when().post("/api/v1/auth/token").statusCode();
    }

}
