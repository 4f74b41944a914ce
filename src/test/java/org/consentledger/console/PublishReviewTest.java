package org.consentledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.consentledger.config.ConfigService;
import org.consentledger.operator.OperatorTestData;
import org.consentledger.operator.RateLimiter;
import org.consentledger.operator.TestTokens;
import org.consentledger.site.SiteService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rollback over the API, and the console's review (old → new, material change) and confirmation before publishing. */
@QuarkusTest
class PublishReviewTest {

    @Inject
    SiteService sites;
    @Inject
    ConfigService configs;
    @Inject
    RateLimiter rateLimiter;

    private String site;

    @BeforeEach
    void data() {
        site = "review-" + UUID.randomUUID().toString().substring(0, 8);
        OperatorTestData.site(sites, configs, site, "Review GmbH");
        rateLimiter.reset();
    }

    @Test
    void rollbackPublishesAnEarlierVersionAsANewVersion() {
        String operator = TestTokens.operator(site);
        ObjectNode v2 = OperatorTestData.exampleConfig();
        ((ObjectNode) v2.path("texts").path("en")).put("title", "Second title");
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(v2.toString())
                .when().post("/api/v1/admin/sites/" + site + "/configs").then().statusCode(201);
        String v1Hash = configs.get(site, 1).orElseThrow().contentHash();

        given().auth().oauth2(operator).when().post("/api/v1/admin/sites/" + site + "/configs/1/rollback")
                .then().statusCode(201).body("version", equalTo(3)).body("rolledBackTo", equalTo(1))
                .body("contentHash", equalTo(v1Hash));
        assertEquals(3, configs.list(site).size(), "history kept, a new version added");
        given().queryParam("lang", "en").when().get("/api/v1/sites/" + site + "/banner").then().statusCode(200)
                .body("version", equalTo(3)).body("texts.title", equalTo(OperatorTestData.exampleConfig()
                        .path("texts").path("en").path("title").asText()));
        // rolling back to what is published already adds nothing
        given().auth().oauth2(operator).when().post("/api/v1/admin/sites/" + site + "/configs/3/rollback")
                .then().statusCode(200).body("version", equalTo(3));
        given().auth().oauth2(operator).when().post("/api/v1/admin/sites/" + site + "/configs/99/rollback")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.auditor(site)).when().post("/api/v1/admin/sites/" + site + "/configs/1/rollback")
                .then().statusCode(403);
        assertEquals(3, configs.list(site).size());
    }

    @Test
    void publishingShowsEveryChangeAndNeedsAConfirmation() {
        String operator = TestTokens.operator(site);
        ConsoleTestData.Csrf csrf = ConsoleTestData.csrf(operator, "/console/editor?site=" + site);
        ObjectNode draft = OperatorTestData.exampleConfig();
        ((ObjectNode) draft.path("texts").path("en")).put("title", "A brand-new title");
        ObjectNode ads = draft.withArray("services").addObject();
        ads.put("id", "ads").put("category", "analytics").put("name", "Ads Inc").put("provider", "Ads Inc, Berlin")
                .put("legalBasis", "consent").put("privacyPolicyUrl", "https://ads.example/privacy").putObject("purpose").put("de", "Werbung").put("en", "Advertising");
        ads.putArray("cookies");
        for (JsonNode service : draft.path("services")) {
            for (JsonNode cookie : service.path("cookies")) {
                if ("_clck".equals(cookie.path("name").asText())) {
                    ((ObjectNode) cookie).put("maxAge", "P13M");
                }
            }
        }
        ((ObjectNode) draft.path("categories").get(1).path("description")).put("en", "Counts visits and clicks");
        ((ObjectNode) draft.path("categories").get(1)).put("gpcOptOut", true);
        ((ObjectNode) draft.path("services").get(0)).put("name", "The <b>app</b> & co");
        String location = given().cookie(LoginResource.SESSION_COOKIE, operator).cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie())
                .contentType(ContentType.URLENC).formParam("csrf-token", csrf.token()).formParam("site", site)
                .formParam("json", draft.toString()).redirects().follow(false).when().post("/console/editor")
                .then().statusCode(303).extract().header("Location");
        String draftId = location.replaceAll(".*draft=", "");

        String review = given().cookie(LoginResource.SESSION_COOKIE, operator)
                .when().get("/console/editor/review?site=" + site + "&draft=" + draftId).then().statusCode(200).extract().asString();
        String oldTitle = OperatorTestData.exampleConfig().path("texts").path("en").path("title").asText();
        assertTrue(review.contains(row("Banner text (English) › Heading", oldTitle, "A brand-new title")),
                "the title's row in words, old and new value: " + review);
        assertTrue(review.contains(row("Service “Ads Inc” › Name", "<em>(not set)</em>", "Ads Inc")), "the added service by its name");
        assertTrue(review.contains(row("Service “Microsoft Clarity” › Cookie “_clck” › Lifetime", "1 year", "13 months")),
                "a cookie by its name in its service, not by position: " + review);
        assertTrue(review.contains("<th scope=\"row\">Category “Analytics” › Description (English)</th>"), "a category by its title");
        assertTrue(review.contains(row("Category “Analytics” › Refuse automatically when the browser sends Global Privacy Control",
                "no", "yes")), "an on/off setting as yes or no, not true/false: " + review);
        assertTrue(review.contains(row("Service “The &lt;b&gt;app&lt;/b&gt; &amp; co” › Name", "kommunikationstrainer.ai",
                "The &lt;b&gt;app&lt;/b&gt; &amp; co")) && !review.contains("<b>app"), "a service's name escaped in its row");
        assertTrue(!review.contains("services ›") && !review.contains("texts ›") && !review.contains("maxAge"),
                "no configuration path: " + review);
        assertTrue(review.contains("id=\"reconsent-yes\"") && review.contains("service Ads Inc added to optional category Analytics"),
                "material change and why, the service by its name and the category by its title: " + review);
        assertTrue(review.contains("<td>Analytics</td>") && !review.contains("<td>analytics</td>"),
                "the new service's category by its title");

        // without the confirmation nothing is published
        ConsoleTestData.Csrf c2 = ConsoleTestData.csrf(operator, "/console/editor/review?site=" + site + "&draft=" + draftId);
        given().cookie(LoginResource.SESSION_COOKIE, operator).cookie(ConsoleSession.CSRF_COOKIE, c2.cookie())
                .contentType(ContentType.URLENC).formParam("csrf-token", c2.token()).formParam("site", site)
                .formParam("draft", draftId).redirects().follow(false).when().post("/console/editor/publish")
                .then().statusCode(303).header("Location", org.hamcrest.Matchers.containsString("confirm=missing"));
        assertEquals(1, configs.list(site).size());
        given().cookie(LoginResource.SESSION_COOKIE, operator).cookie(ConsoleLanguage.COOKIE, "de")
                .when().get("/console/editor/review?site=" + site + "&draft=" + draftId + "&confirm=missing")
                .then().statusCode(200).body(org.hamcrest.Matchers.containsString("Bitte bestätigen Sie"))
                .body(org.hamcrest.Matchers.containsString("Dienst Ads Inc zur optionalen Kategorie Statistik hinzugefügt"))
                .body(org.hamcrest.Matchers.containsString("<td>Statistik</td>"))
                .body(org.hamcrest.Matchers.containsString("<td>Einwilligung</td>"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<td>analytics</td>")))
                .body(org.hamcrest.Matchers.containsString(row("Bannertext (Englisch) › Überschrift", oldTitle, "A brand-new title")))
                .body(org.hamcrest.Matchers.containsString(row("Dienst „Microsoft Clarity“ › Cookie „_clck“ › Laufzeit", "1 Jahr", "13 Monate")))
                .body(org.hamcrest.Matchers.containsString("<th scope=\"row\">Dienst „Ads Inc“ › Rechtsgrundlage</th>"))
                .body(org.hamcrest.Matchers.containsString("<th scope=\"row\">Kategorie „Statistik“ › Beschreibung (Englisch)</th>"))
                .body(org.hamcrest.Matchers.containsString(row("Kategorie „Statistik“ › Automatisch ablehnen, wenn der Browser "
                        + "Global Privacy Control sendet", "nein", "ja")));

        given().cookie(LoginResource.SESSION_COOKIE, operator).cookie(ConsoleSession.CSRF_COOKIE, c2.cookie())
                .contentType(ContentType.URLENC).formParam("csrf-token", c2.token()).formParam("site", site)
                .formParam("draft", draftId).formParam("confirm", "yes").redirects().follow(false)
                .when().post("/console/editor/publish").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.containsString("notice=published"));
        assertEquals(2, configs.list(site).size());

        // rollback in the console: review first, then a confirmed rollback publishes v1's content as v3
        String rollback = given().cookie(LoginResource.SESSION_COOKIE, operator)
                .when().get("/console/rollback?site=" + site + "&version=1").then().statusCode(200).extract().asString();
        assertTrue(rollback.contains(row("Banner text (English) › Heading", "A brand-new title", oldTitle)),
                "rollback review shows the values: " + rollback);
        assertTrue(rollback.contains(row("Service “Ads Inc” › Name", "Ads Inc", "<em>(removed)</em>")),
                "the removed service by its name in the published version: " + rollback);
        ConsoleTestData.Csrf c3 = ConsoleTestData.csrf(operator, "/console/rollback?site=" + site + "&version=1");
        given().cookie(LoginResource.SESSION_COOKIE, operator).cookie(ConsoleSession.CSRF_COOKIE, c3.cookie())
                .contentType(ContentType.URLENC).formParam("csrf-token", c3.token()).formParam("site", site)
                .formParam("version", "1").formParam("confirm", "yes").redirects().follow(false)
                .when().post("/console/rollback").then().statusCode(303);
        assertEquals(3, configs.list(site).size());
        assertEquals(configs.get(site, 1).orElseThrow().contentHash(), configs.list(site).get(0).contentHash());

        // an auditor can neither review nor roll back
        given().cookie(LoginResource.SESSION_COOKIE, TestTokens.auditor(site))
                .when().get("/console/rollback?site=" + site + "&version=1").then().statusCode(403);
    }

    /** A row of the review's table as the page prints it. */
    private static String row(String where, String before, String after) {
        return "<th scope=\"row\">" + where + "</th>\n<td>" + before + "</td>\n<td>" + after + "</td>";
    }
}
