package org.consentledger.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.consentledger.config.ConfigService;
import org.consentledger.operator.AccountService;
import org.consentledger.operator.OperatorTestData;
import org.consentledger.operator.RateLimiter;
import org.consentledger.operator.TestTokens;
import org.consentledger.site.SiteService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.consentledger.console.ConsoleTestData.consolePage;
import static org.consentledger.console.ConsoleTestData.postForm;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #12 item 6 over real HTTP: sites picked from the existing ones (unknown keys refused by the API too), password
 * rules shown before submitting, a refused form keeps what was typed (never the password) and explains it in the page
 * language, disabling and password resets ask first (without JavaScript), and a disabled account's console session
 * ends at once.
 */
@QuarkusTest
class AccountsPageTest {

    static final String SITE = "accounts-v2";
    static final String PASSWORD = "a-good-password-1";

    @Inject
    SiteService sites;
    @Inject
    ConfigService configs;
    @Inject
    AccountService accounts;
    @Inject
    RateLimiter rateLimiter;

    @BeforeEach
    void data() {
        if (sites.findByKey(SITE).isEmpty()) {
            OperatorTestData.site(sites, configs, SITE, "Accounts KG");
        }
        rateLimiter.reset();
    }

    @Test
    void sitesArePickedFromTheExistingOnesAndUnknownKeysAreRefused() {
        String admin = TestTokens.admin();
        String html = consolePage(admin, "de", "/console/admin/accounts");
        assertTrue(html.contains("name=\"sites\" value=\"" + SITE + "\""), "a checkbox per existing site");
        assertTrue(html.contains("Accounts KG"), "named by the site name");
        assertTrue(html.contains("Mindestens 12 und höchstens 72 Bytes"), "password rules shown before submitting");
        assertFalse(html.contains("<textarea"), "no free-text site keys");

        String user = "typo-" + UUID.randomUUID().toString().substring(0, 8);
        Response refused = postForm(admin, "de", "/console/admin/accounts/create", Map.of("username", user,
                "password", PASSWORD, "roles", "operator", "sites", "kibox.ai"));
        assertEquals(422, refused.statusCode());
        assertTrue(refused.asString().contains("Es können nur bestehende Websites freigegeben werden."), refused.asString());
        assertTrue(accounts.find(user).isEmpty(), "nothing stored");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD
                        + "\",\"roles\":[\"operator\"],\"sites\":[\"kibox.ai\"]}")
                .when().post("/api/v1/admin/users").then().statusCode(422)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("sites"));
        assertTrue(accounts.find(user).isEmpty());
    }

    @Test
    void aRefusedFormKeepsWhatWasTypedExceptThePasswordInThePageLanguage() {
        String admin = TestTokens.admin();
        String user = "kept-" + UUID.randomUUID().toString().substring(0, 8);
        Response weak = postForm(admin, "de", "/console/admin/accounts/create", Map.of("username", user,
                "password", "kurz-äöü", "roles", "auditor", "sites", SITE));
        assertEquals(422, weak.statusCode());
        String html = weak.asString();
        assertTrue(html.contains("Das Passwort muss mindestens 12 und höchstens 72 Bytes lang sein"), "German reason");
        assertFalse(html.contains("bytes in UTF-8"), "not the API's English text");
        assertTrue(html.contains("id=\"new-username\" name=\"username\" value=\"" + user + "\""), "user name kept");
        assertTrue(html.matches("(?s).*id=\"create-account\".*value=\"auditor\" checked.*"), "role kept");
        assertTrue(html.matches("(?s).*id=\"new-sites\".*value=\"" + SITE + "\" checked.*"), "site kept");
        assertFalse(html.contains("kurz-äöü"), "never the password");

        String en = postForm(admin, "en", "/console/admin/accounts/create", Map.of("username", user,
                "password", "password1234", "roles", "operator")).asString();
        assertTrue(en.contains("An operator or auditor needs at least one site."), en);
        assertTrue(en.contains("This password is one of the commonly used ones"), "common password named");
        assertTrue(accounts.find(user).isEmpty());
    }

    @Test
    void disableAndResetAskFirstAndADisabledSessionEndsAtOnce() {
        String admin = TestTokens.admin();
        String user = "confirm-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(user, PASSWORD, Set.of("operator"), Set.of(SITE));
        String session = login(user, PASSWORD);
        given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, session).when().get("/console")
                .then().statusCode(200);

        // without the confirmation nothing changes; the question is asked instead (a plain form, no JavaScript)
        Response unconfirmed = postForm(admin, "en", "/console/admin/accounts/update", Map.of("username", user, "op", "disable"));
        assertEquals(409, unconfirmed.statusCode());
        assertTrue(unconfirmed.asString().contains("Disable the account " + user + "?"));
        assertTrue(ConsoleTestData.accountEnabled(user), "still enabled");
        Response unconfirmedReset = postForm(admin, "de", "/console/admin/accounts/update", Map.of("username", user, "op", "password"));
        assertEquals(409, unconfirmedReset.statusCode());
        assertTrue(unconfirmedReset.asString().contains("Das Passwort von " + user + " zurücksetzen?"));
        assertEquals(200, token(user, PASSWORD), "the password still works");
        String question = consolePage(admin, "de", "/console/admin/accounts/confirm?op=disable&username=" + user);
        assertTrue(question.contains("Das Konto " + user + " sperren?"));
        assertTrue(question.contains("name=\"confirm\" value=\"yes\""));

        Response confirmed = postForm(admin, "en", "/console/admin/accounts/update",
                Map.of("username", user, "op", "disable", "confirm", "yes"));
        assertEquals(303, confirmed.statusCode());
        assertFalse(ConsoleTestData.accountEnabled(user));
        given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, session).when().get("/console")
                .then().statusCode(303).header("Location", containsString("/console/login"));
        assertTrue(consolePage(admin, "en", "/console/admin/accounts?notice=disable&user=" + user)
                .contains("Account disabled; its sessions have ended."));
    }

    @Test
    void anAdminDisablingItselfIsWarnedAndSignedOut() {
        String user = "self-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(user, PASSWORD, Set.of("admin"), Set.of());
        String session = login(user, PASSWORD);
        String question = consolePage(session, "en", "/console/admin/accounts/confirm?op=disable&username=" + user);
        assertTrue(question.contains("You are about to disable your own account (" + user + ")"), question);
        Response done = postForm(session, "en", "/console/admin/accounts/update",
                Map.of("username", user, "op", "disable", "confirm", "yes"));
        assertEquals(303, done.statusCode());
        assertTrue(done.header("Location").endsWith("/console/login"));
        given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, session).when().get("/console/admin/accounts")
                .then().statusCode(303).header("Location", containsString("/console/login"));
    }

    private String login(String user, String password) {
        rateLimiter.reset();
        return given().contentType(ContentType.JSON).body(Map.of("username", user, "password", password))
                .when().post("/api/v1/auth/token").then().statusCode(200).extract().path("access_token");
    }

    private int token(String user, String password) {
        rateLimiter.reset();
        return given().contentType(ContentType.JSON).body(Map.of("username", user, "password", password))
                .when().post("/api/v1/auth/token").statusCode();
    }
}
