package org.consentledger.console;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.consentledger.config.ConfigService;
import org.consentledger.operator.OperatorTestData;
import org.consentledger.operator.TestTokens;
import org.consentledger.site.SiteService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.consentledger.console.ConsoleTestData.consolePage;
import static org.consentledger.console.ConsoleTestData.postForm;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #12 items 7 and 9 over real HTTP and MariaDB: the dashboard's opt-in per category with counts and a date range,
 * charts with category titles and dates in the page language, the signed-in user and role in the header; the
 * data-subject page's look-up by visitor id, prefix, consent id and receipt URL, its explicit "no such visitor", the
 * entry of a request received by letter (validated, no 500), and an erasure that changes nothing unconfirmed.
 */
@QuarkusTest
class DashboardDsrPagesTest {

    static final String SITE = "dash-v2";
    static final String VISITOR = "dadadada-0000-4000-8000-000000000001";
    static final String TWIN = "dadadada-0000-4000-8000-000000000002";
    static final String ERASED = "e0e0e0e0-0000-4000-8000-000000000003";
    static String consentId;

    @Inject
    SiteService sites;
    @Inject
    ConfigService configs;
    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void data() {
        if (sites.findByKey(SITE).isEmpty()) {
            long id = OperatorTestData.site(sites, configs, SITE, "Dashboard GmbH");
            Instant now = Instant.now().minusSeconds(60);
            // one day of data: 3 of 4 allow analytics, 1 of 4 allows marketing (a site with two optional categories)
            consentId = OperatorTestData.event(dataSource, id, VISITOR, "given", "accept-all",
                    "{\"essential\":true,\"analytics\":true,\"marketing\":true}", now);
            OperatorTestData.event(dataSource, id, TWIN, "partial", "save-settings",
                    "{\"essential\":true,\"analytics\":true,\"marketing\":false}", now);
            OperatorTestData.event(dataSource, id, UUID.randomUUID().toString(), "partial", "save-settings",
                    "{\"essential\":true,\"analytics\":true,\"marketing\":false}", now);
            OperatorTestData.event(dataSource, id, UUID.randomUUID().toString(), "refused", "reject-all",
                    "{\"essential\":true,\"analytics\":false,\"marketing\":false}", now);
            OperatorTestData.event(dataSource, id, ERASED, "given", "accept-all", "{\"essential\":true}", now);
        }
    }

    @Test
    void dashboardShowsOptInPerCategoryWithCountsAndTheSignedInRole() {
        String admin = TestTokens.admin();
        String de = consolePage(admin, "de", "/console");
        String row = de.substring(de.indexOf("Dashboard GmbH"));
        row = row.substring(0, row.indexOf("</tr>"));
        assertTrue(row.contains("data-category=\"analytics\""), row);
        assertTrue(row.contains(">Statistik<"), "category title, not its id");
        assertTrue(row.matches("(?s).*75[\u00a0\u202f ]?% \\(3 von 4\\).*"), "rate with its counts: " + row);
        assertTrue(row.matches("(?s).*25[\u00a0\u202f ]?% \\(1 von 4\\).*"), "each optional category on its own");
        assertFalse(row.contains("data-category=\"essential\""), "required categories have no opt-in");
        assertTrue(row.contains("class=\"spark-level\""), "one day of data drawn as a level line");
        assertTrue(row.contains("Daten eines Tages"));
        assertTrue(de.contains("<span class=\"user\">test-admin</span> <span class=\"role-badge\">Administrator</span>"),
                "user and role shown apart");
        String en = consolePage(TestTokens.auditor(SITE), "en", "/console");
        assertTrue(en.contains("75% (3 of 4)"), en);
        assertTrue(en.contains("<span class=\"role-badge\">Auditor</span>"));
    }

    @Test
    void dateRangeControlsTheDashboardAndTheCharts() {
        String admin = TestTokens.admin();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String longAgo = LocalDate.now(ZoneOffset.UTC).minusDays(40).toString();
        String old = consolePage(admin, "en", "/console?from=" + longAgo + "&to=" + LocalDate.now(ZoneOffset.UTC).minusDays(35));
        String row = old.substring(old.indexOf("Dashboard GmbH"));
        row = row.substring(0, row.indexOf("</tr>"));
        assertTrue(row.contains("no decisions"), "nothing in that range: " + row);
        assertTrue(consolePage(admin, "en", "/console?from=" + today + "&to=" + longAgo)
                .contains("The end date must not be before the start date."));
        assertTrue(consolePage(admin, "de", "/console?days=900").contains("Ein Zeitraum kann höchstens 400 Tage umfassen."));

        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        String chartsEn = consolePage(admin, "en", "/console/charts?site=" + SITE + "&days=7");
        assertTrue(chartsEn.contains("<strong>Analytics</strong>"), "titles instead of ids");
        assertTrue(chartsEn.contains(">" + day.getMonthValue() + "/" + day.getDayOfMonth() + "<"), "English axis date");
        assertTrue(chartsEn.contains("accepted"));
        String chartsDe = consolePage(admin, "de", "/console/charts?site=" + SITE + "&days=7");
        assertTrue(chartsDe.contains("<strong>Statistik</strong>"));
        assertTrue(chartsDe.contains(">" + day.getDayOfMonth() + "." + day.getMonthValue() + ".<"), "German axis date");
        assertTrue(chartsDe.contains("teilweise angenommen"), "series names in German");
        assertFalse(chartsDe.contains(": partial"), "no raw series names in the tooltips");
    }

    @Test
    void visitorsAreFoundByIdPrefixConsentIdAndReceiptUrl() {
        String auditor = TestTokens.auditor(SITE);
        String byId = consolePage(auditor, "en", "/console/dsr?site=" + SITE + "&visitor=" + VISITOR);
        assertTrue(byId.contains("id=\"shown-visitor\">" + VISITOR), "whole visitor id");
        String byConsent = consolePage(auditor, "en", "/console/dsr?site=" + SITE + "&visitor=" + consentId);
        assertTrue(byConsent.contains("id=\"shown-visitor\">" + VISITOR), "consent id leads to its visitor");
        assertTrue(byConsent.contains("Found through the consent ID"));
        String receipt = "https://cmp.example/api/v1/receipts/" + consentId;
        String byReceipt = consolePage(auditor, "de", "/console/dsr?site=" + SITE + "&visitor=" + receipt);
        assertTrue(byReceipt.contains("id=\"shown-visitor\">" + VISITOR), "receipt URL leads to its visitor");
        String byPrefix = consolePage(auditor, "en", "/console/dsr?site=" + SITE + "&visitor=dadadada");
        assertTrue(byPrefix.contains("id=\"candidates\""), "two visitors share the prefix: choose");
        assertTrue(byPrefix.contains(VISITOR) && byPrefix.contains(TWIN));
        String shared = consolePage(auditor, "en", "/console/dsr?site=" + SITE + "&visitor=dadadada-0000-4000-8000-0000000000");
        assertTrue(shared.contains("id=\"candidates\""));
        String none = consolePage(auditor, "de", "/console/dsr?site=" + SITE + "&visitor=ffff0000");
        assertTrue(none.contains("id=\"no-visitor\""), "explicit answer");
        assertTrue(none.contains("Kein Besucher dieser Website passt zu „ffff0000“"));
        assertFalse(none.contains("id=\"visitor-events\""), "no empty table that looks like a result");
        Response bad = given().cookie(LoginResource.SESSION_COOKIE, auditor).cookie(ConsoleLanguage.COOKIE, "en")
                .when().get("/console/dsr?site=" + SITE + "&visitor=ab");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.asString().contains("Enter a visitor ID (at least its first 4 characters)"));

        JsonPath api = given().auth().oauth2(auditor).queryParam("q", receipt)
                .when().get("/api/v1/admin/sites/" + SITE + "/visitors").then().statusCode(200)
                .body("matchedBy", equalTo("consent")).body("visitors", hasSize(1)).extract().jsonPath();
        assertEquals(VISITOR, api.getString("visitors[0].visitorId"));
        given().auth().oauth2(auditor).queryParam("q", "dadadada").when().get("/api/v1/admin/sites/" + SITE + "/visitors")
                .then().statusCode(200).body("matchedBy", equalTo("prefix")).body("visitors", hasSize(2));
        given().auth().oauth2(auditor).queryParam("q", "a b").when().get("/api/v1/admin/sites/" + SITE + "/visitors")
                .then().statusCode(400);
    }

    @Test
    void aRequestByLetterIsRecordedWithItsChannelAndBadDatesAreExplained() {
        String operator = TestTokens.operator(SITE);
        String received = LocalDate.now(ZoneOffset.UTC).minusDays(3).toString();
        Response ok = postForm(operator, "en", "/console/dsr/request", Map.of("site", SITE, "visitor", VISITOR,
                "kind", "access", "channel", "letter", "received", received));
        assertEquals(303, ok.statusCode());
        String after = given().cookie(LoginResource.SESSION_COOKIE, operator).cookie(ConsoleLanguage.COOKIE, "en")
                .when().get(ok.header("Location")).then().statusCode(200).extract().asString();
        assertTrue(after.contains("id=\"request-recorded\""), "confirmed with the due day");
        assertTrue(after.contains(">letter<"), "the channel is listed");
        assertTrue(after.contains(received + " 00:00:00Z"));
        assertEquals("letter", channelOf(VISITOR));

        long before = requests();
        for (String bad : new String[] { "2999-01-01", "1969-12-31", "10000-01-01", "gestern", "2026-02-30" }) {
            Response refused = postForm(operator, "de", "/console/dsr/request", Map.of("site", SITE, "visitor", VISITOR,
                    "kind", "erasure", "channel", "email", "received", bad));
            assertEquals(422, refused.statusCode(), bad);
            String html = refused.asString();
            assertTrue(html.contains("Eingangstag") || html.contains("Tag an, an dem die Anfrage einging"), bad + ": " + html);
            assertTrue(html.contains("value=\"" + VISITOR + "\""), "typed values kept");
        }
        Response noChannel = postForm(operator, "en", "/console/dsr/request", Map.of("site", SITE, "visitor", "x y",
                "kind", "sideways", "channel", "pigeon", "received", received));
        assertEquals(422, noChannel.statusCode());
        assertTrue(noChannel.asString().contains("Choose how the request arrived."));
        assertTrue(noChannel.asString().contains("Choose the kind of request."));
        assertTrue(noChannel.asString().contains("Enter the visitor ID the request is about"));
        assertEquals(before, requests(), "nothing stored");
        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body("{\"visitorId\":\"" + VISITOR + "\",\"kind\":\"access\",\"channel\":\"" + "x".repeat(40) + "\"}")
                .when().post("/api/v1/admin/sites/" + SITE + "/dsr").then().statusCode(422)
                .body("errors[0].field", equalTo("channel"));
    }

    @Test
    void erasureWithoutConfirmationChangesNothing() {
        String operator = TestTokens.operator(SITE);
        Response unconfirmed = postForm(operator, "en", "/console/dsr/erase", Map.of("site", SITE, "visitor", ERASED));
        assertEquals(303, unconfirmed.statusCode(), "back to the visitor's page");
        String location = unconfirmed.header("Location");
        assertTrue(location.endsWith("&confirm=missing"), location);
        assertTrue(consolePage(operator, "en", location.substring(location.indexOf("/console"))).contains("id=\"erase-confirm-needed\""),
                "the page asks for the confirmation");
        assertEquals(1, eventsOf(ERASED), "the visitor's event is untouched");
        Response confirmed = postForm(operator, "en", "/console/dsr/erase", Map.of("site", SITE, "visitor", ERASED, "confirm", "yes"));
        assertEquals(200, confirmed.statusCode());
        assertEquals(0, eventsOf(ERASED));
        assertTrue(consolePage(operator, "en", "/console/dsr?site=" + SITE + "&visitor=" + ERASED).contains("id=\"no-visitor\""),
                "after the erasure: no such visitor");
    }

    private long eventsOf(String visitor) {
        return count("SELECT COUNT(*) FROM consent_event WHERE visitor_id = ?", visitor);
    }

    private long requests() {
        return count("SELECT COUNT(*) FROM dsr_request r JOIN site s ON s.id = r.site_id WHERE s.site_key = ?", SITE);
    }

    private String channelOf(String visitor) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT channel FROM dsr_request WHERE visitor_id = ? ORDER BY id DESC LIMIT 1")) {
            s.setString(1, visitor);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql, String value) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
