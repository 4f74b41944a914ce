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
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Site creation with a starting configuration (API and console form), the Install page and the installation check. */
@QuarkusTest
class OnboardingTest {

    static final String SOURCE = "onboarding-source";

    @Inject
    SiteService sites;
    @Inject
    ConfigService configs;
    @Inject
    RateLimiter rateLimiter;

    @BeforeEach
    void data() {
        if (sites.findByKey(SOURCE).isEmpty()) {
            OperatorTestData.site(sites, configs, SOURCE, "Source GmbH");
        }
        rateLimiter.reset();
    }

    private static String key() {
        return "ob-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Response create(Map<String, Object> body) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/admin/sites");
    }

    @Test
    void starterTemplatePublishesVersionOneThatTheBannerServes() {
        String key = key();
        create(Map.of("siteKey", key, "name", "Bäckerei Müller", "allowedOrigins", List.of("https://" + key + ".example"),
                "languages", List.of("de", "en"), "template", "starter")).then().statusCode(201)
                .body("siteKey", equalTo(key));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/admin/sites/" + key + "/configs")
                .then().statusCode(200).body("size()", equalTo(1));
        given().header("Origin", "https://" + key + ".example").queryParam("lang", "de")
                .when().get("/api/v1/sites/" + key + "/banner").then().statusCode(200)
                .body("texts.acceptAll", equalTo("Alle akzeptieren"))
                .body("services.name", hasItem("Microsoft Clarity"))
                .body("cookie.name", equalTo(key.replace('-', '_') + "_consent"));
    }

    @Test
    void copyTemplateCopiesTheLatestVersionOfAnotherSite() {
        String key = key();
        create(Map.of("siteKey", key, "name", "Copy AG", "allowedOrigins", List.of("https://copy.example"),
                "template", "copy", "copyFrom", SOURCE)).then().statusCode(201);
        given().queryParam("lang", "en").when().get("/api/v1/sites/" + key + "/banner").then().statusCode(200)
                .body("services.id", hasItem("clarity"))
                .body("cookie.name", equalTo(key.replace('-', '_') + "_consent"));
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() {
        for (Map<String, Object> body : List.<Map<String, Object>>of(
                Map.of("siteKey", key(), "name", "X", "allowedOrigins", List.of("https://x.example/de"), "template", "starter"),
                Map.of("siteKey", key(), "name", "X", "allowedOrigins", List.of("https://x.example"), "template", "starter",
                        "languages", List.of("fr")),
                Map.of("siteKey", key(), "name", "X", "allowedOrigins", List.of("https://x.example"), "template", "copy",
                        "copyFrom", "no-such-site"),
                Map.of("siteKey", key(), "name", "X", "allowedOrigins", List.of("https://x.example"), "template", "fancy"),
                Map.of("siteKey", key(), "name", " ", "allowedOrigins", List.of("https://x.example"), "template", "starter"))) {
            Response r = create(body);
            assertEquals(422, r.statusCode(), r.asString());
            assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
            given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/admin/sites/" + body.get("siteKey"))
                    .then().statusCode(404);
        }
        create(Map.of("siteKey", "Not A Key", "name", "X", "template", "none")).then().statusCode(422);
        create(Map.of("siteKey", SOURCE, "name", "X")).then().statusCode(409);
        given().auth().oauth2(TestTokens.operator(SOURCE)).contentType(ContentType.JSON)
                .body(Map.of("siteKey", key(), "name", "X")).when().post("/api/v1/admin/sites").then().statusCode(403);
    }

    @Test
    void installationCheckRecordsAllowedAndRefusedOriginsOnly() {
        String key = key();
        String origin = "https://" + key + ".example";
        create(Map.of("siteKey", key, "name", "Check KG", "allowedOrigins", List.of(origin), "template", "starter"))
                .then().statusCode(201);
        String auditor = TestTokens.auditor(key);
        given().auth().oauth2(auditor).when().get("/api/v1/admin/sites/" + key + "/installation").then().statusCode(200)
                .body("bannerSeen.size()", equalTo(0)).body("refused.size()", equalTo(0));
        for (int i = 0; i < 3; i++) { // the first answer comes from the resource, later ones from the cached route
            given().header("Origin", origin).when().get("/api/v1/sites/" + key + "/banner").then().statusCode(200);
        }
        given().header("Origin", "https://www." + key + ".example").when().get("/api/v1/sites/" + key + "/banner")
                .then().statusCode(403);
        given().header("Origin", "https://www." + key + ".example").header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/sites/" + key + "/consents").then().statusCode(403);
        given().header("Origin", "not an origin").when().get("/api/v1/sites/" + key + "/banner").then().statusCode(403);
        given().when().get("/api/v1/sites/" + key + "/banner").then().statusCode(200);
        given().auth().oauth2(auditor).when().get("/api/v1/admin/sites/" + key + "/installation").then().statusCode(200)
                .body("bannerSeen.origin", equalTo(List.of(origin)))
                .body("bannerSeen[0].hits", equalTo(3))
                .body("refused.origin", equalTo(List.of("https://www." + key + ".example")))
                .body("refused[0].hits", equalTo(2));
        given().auth().oauth2(TestTokens.auditor(SOURCE)).when().get("/api/v1/admin/sites/" + key + "/installation")
                .then().statusCode(404);
    }

    @Test
    void adminAddsASiteInTheConsoleInstallsItAndAllowsARefusedOrigin() {
        String admin = TestTokens.admin();
        String key = key();
        ConsoleTestData.Csrf csrf = ConsoleTestData.csrf(admin, "/console/sites/new");
        // a typo in an origin: the form keeps what was typed and explains in the page's language
        String html = given().cookie(LoginResource.SESSION_COOKIE, admin).cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie())
                .cookie(ConsoleLanguage.COOKIE, "de").contentType(ContentType.URLENC)
                .formParam("csrf-token", csrf.token()).formParam("name", "Neue Seite").formParam("siteKey", key)
                .formParam("origins", "https://" + key + ".example/start").formParam("languages", "de")
                .formParam("template", "starter").when().post("/console/sites/new")
                .then().statusCode(422).extract().asString();
        assertTrue(html.contains("ist kein Ursprung"), html);
        assertTrue(html.contains("value=\"Neue Seite\""), "typed name kept");
        given().auth().oauth2(admin).when().get("/api/v1/admin/sites/" + key).then().statusCode(404);

        // the site key is suggested from the name when left empty; a trailing slash is tidied away
        String location = given().cookie(LoginResource.SESSION_COOKIE, admin).cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie())
                .contentType(ContentType.URLENC).formParam("csrf-token", csrf.token()).formParam("name", "Neue Seite " + key)
                .formParam("siteKey", "").formParam("origins", "https://" + key + ".example/")
                .formParam("languages", "de").formParam("languages", "en").formParam("template", "starter")
                .redirects().follow(false).when().post("/console/sites/new")
                .then().statusCode(303).extract().header("Location");
        String expectedKey = "neue-seite-" + key;
        assertTrue(location.endsWith("/console/install?site=" + expectedKey + "&notice=created"), location);
        String origin = "https://" + key + ".example";

        String install = given().cookie(LoginResource.SESSION_COOKIE, admin).when().get("/console/install?site=" + expectedKey)
                .then().statusCode(200).extract().asString();
        assertTrue(install.contains("/banner.js&quot; data-site=&quot;" + expectedKey + "&quot;"), install);
        assertTrue(install.contains("id=\"check-status\" class=\"warn\""), "not seen yet");
        assertTrue(install.contains("data-consent-settings"), "footer link");
        assertTrue(install.contains("next/script") && install.contains("wait_for_update"), "recipes");

        given().header("Origin", origin).when().get("/api/v1/sites/" + expectedKey + "/banner").then().statusCode(200);
        given().header("Origin", "https://www." + key + ".example").when().get("/api/v1/sites/" + expectedKey + "/banner")
                .then().statusCode(403);
        given().cookie(LoginResource.SESSION_COOKIE, admin).when().get("/console/install?site=" + expectedKey)
                .then().statusCode(200)
                .body(containsString("Banner seen on " + origin))
                .body(containsString("Allow https://www." + key + ".example"));

        ConsoleTestData.Csrf c2 = ConsoleTestData.csrf(admin, "/console/install?site=" + expectedKey);
        given().cookie(LoginResource.SESSION_COOKIE, admin).cookie(ConsoleSession.CSRF_COOKIE, c2.cookie())
                .contentType(ContentType.URLENC).formParam("csrf-token", c2.token()).formParam("site", expectedKey)
                .formParam("origin", "https://www." + key + ".example").redirects().follow(false)
                .when().post("/console/install/allow").then().statusCode(303);
        given().auth().oauth2(admin).when().get("/api/v1/admin/sites/" + expectedKey).then().statusCode(200)
                .body("allowedOrigins", equalTo(List.of(origin, "https://www." + key + ".example")));
        given().cookie(LoginResource.SESSION_COOKIE, admin).when().get("/console/install?site=" + expectedKey)
                .then().statusCode(200).body(not(containsString("Allow https://www.")));

        // an auditor sees the page but cannot allow origins
        given().cookie(LoginResource.SESSION_COOKIE, TestTokens.auditor(expectedKey)).when()
                .get("/console/install?site=" + expectedKey).then().statusCode(200)
                .body(not(containsString("/console/install/allow")));
        given().cookie(LoginResource.SESSION_COOKIE, TestTokens.operator(expectedKey)).when().get("/console/sites/new")
                .then().statusCode(403);
    }
}
