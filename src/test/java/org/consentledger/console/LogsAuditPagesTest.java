package org.consentledger.console;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.consentledger.config.ConfigService;
import org.consentledger.operator.AuditService;
import org.consentledger.operator.OperatorTestData;
import org.consentledger.operator.TestTokens;
import org.consentledger.site.SiteService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #12 item 5 over real HTTP and MariaDB: the consent log's visitor-prefix search, previous/next pages and
 * totals (API and console), category choices with titles, filter problems explained in German and English instead of
 * an empty list; the audit trail's action prefix, date range, paging, total and /24 addresses.
 */
@QuarkusTest
class LogsAuditPagesTest {

    static final String SITE = "logs-v2";
    static final String PREFIXED = "abcd1234-";
    private static final Pattern RECEIPT = Pattern.compile("/api/v1/receipts/([0-9a-f-]{36})");

    @Inject
    SiteService sites;
    @Inject
    ConfigService configs;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    AuditService audit;

    @BeforeEach
    void data() {
        if (sites.findByKey(SITE).isEmpty()) {
            long id = OperatorTestData.site(sites, configs, SITE, "Logs AG");
            Instant start = Instant.now().minusSeconds(7200);
            for (int i = 0; i < 75; i++) {
                String visitor = i < 3 ? PREFIXED + "0000-4000-8000-00000000000" + i : UUID.randomUUID().toString();
                OperatorTestData.mixedEvent(dataSource, id, visitor, i, start.plusSeconds(i));
            }
            // "_" is a LIKE wildcard: a prefix with it must match literally, not "any one character"
            OperatorTestData.event(dataSource, id, "abcdX234-literal", "given", "accept-all",
                    "{\"essential\":true}", start.plusSeconds(100));
        }
    }

    @Test
    void apiSearchesByVisitorPrefixAndCountsMatches() {
        String auditor = TestTokens.auditor(SITE);
        JsonPath page = given().auth().oauth2(auditor).queryParam("visitorPrefix", "abcd1234").queryParam("count", "true")
                .when().get("/api/v1/admin/sites/" + SITE + "/consents").then().statusCode(200)
                .body("items.visitorId", everyItem(startsWith(PREFIXED))).extract().jsonPath();
        assertEquals(3, page.getList("items").size());
        assertEquals(3, page.getInt("total"));
        assertTrue(page.getBoolean("totalExact"));
        given().auth().oauth2(auditor).queryParam("visitorPrefix", "abcd_234")
                .when().get("/api/v1/admin/sites/" + SITE + "/consents").then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(auditor).queryParam("visitorPrefix", "abc")
                .when().get("/api/v1/admin/sites/" + SITE + "/consents").then().statusCode(400)
                .contentType(containsString("application/problem+json"));
        given().auth().oauth2(auditor).queryParam("visitorPrefix", "abcd%")
                .when().get("/api/v1/admin/sites/" + SITE + "/consents").then().statusCode(400);
        given().auth().oauth2(auditor).queryParam("direction", "sideways")
                .when().get("/api/v1/admin/sites/" + SITE + "/consents").then().statusCode(400);
        // looking people up by a prefix is audited like a visitor query
        given().auth().oauth2(TestTokens.admin()).queryParam("site", SITE).queryParam("action", "consents.query-visitor")
                .when().get("/api/v1/admin/audit").then().statusCode(200).body("items[0].target", equalTo("abcd_234*"));
    }

    @Test
    void apiPagesForwardAndBackWithTheSameRows() {
        String auditor = TestTokens.auditor(SITE);
        String url = "/api/v1/admin/sites/" + SITE + "/consents";
        JsonPath first = given().auth().oauth2(auditor).queryParam("limit", "30").queryParam("count", "true")
                .when().get(url).then().statusCode(200).body("prevCursor", nullValue()).extract().jsonPath();
        assertEquals(76, first.getInt("total"));
        JsonPath second = given().auth().oauth2(auditor).queryParam("limit", "30").queryParam("cursor", first.getString("nextCursor"))
                .when().get(url).then().statusCode(200).extract().jsonPath();
        JsonPath third = given().auth().oauth2(auditor).queryParam("limit", "30").queryParam("cursor", second.getString("nextCursor"))
                .when().get(url).then().statusCode(200).body("nextCursor", nullValue()).extract().jsonPath();
        assertEquals(16, third.getList("items").size());
        JsonPath backToSecond = given().auth().oauth2(auditor).queryParam("limit", "30").queryParam("direction", "prev")
                .queryParam("cursor", third.getString("prevCursor")).when().get(url).then().statusCode(200).extract().jsonPath();
        assertEquals(second.getList("items.consentId"), backToSecond.getList("items.consentId"), "same rows, same order");
        JsonPath backToFirst = given().auth().oauth2(auditor).queryParam("limit", "30").queryParam("direction", "prev")
                .queryParam("cursor", backToSecond.getString("prevCursor")).when().get(url).then().statusCode(200)
                .body("prevCursor", nullValue()).extract().jsonPath();
        assertEquals(first.getList("items.consentId"), backToFirst.getList("items.consentId"));
    }

    @Test
    void consolePagesBackAndForthAndShowsTheTotal() {
        String auditor = TestTokens.auditor(SITE);
        String html = page(auditor, "de", "/console/logs?site=" + SITE);
        assertTrue(html.contains("76 Einträge passen"), "the total, in German");
        Set<String> firstPage = receipts(html);
        assertEquals(50, firstPage.size());
        assertFalse(html.contains("id=\"prev-page\""), "no page before the first");
        String second = page(auditor, "en", link(html, "next-page"));
        assertEquals(26, receipts(second).size());
        assertTrue(second.contains("76 entries match"));
        String back = page(auditor, "en", link(second, "prev-page"));
        assertEquals(firstPage, receipts(back), "previous page shows the first page again");
    }

    @Test
    void consoleOffersCategoriesWithTitlesAndSearchesByPrefix() {
        String auditor = TestTokens.auditor(SITE);
        String de = page(auditor, "de", "/console/logs?site=" + SITE);
        assertTrue(de.contains("<option value=\"analytics\" >Statistik (analytics)</option>"), "title from the config");
        assertTrue(de.contains(">abgelehnt<"), "actions in German");
        String en = page(auditor, "en", "/console/logs?site=" + SITE + "&category=analytics&decision=denied");
        assertEquals(25, receipts(en).size(), "every third event refused analytics");
        assertTrue(en.contains("Analytics ✗"), "decisions named by their titles");
        String prefixed = page(auditor, "en", "/console/logs?site=" + SITE + "&visitor=abcd1234");
        assertEquals(3, receipts(prefixed).size());
        assertTrue(prefixed.contains("3 entries match"));
    }

    @Test
    void filtersThatCannotMatchAreExplainedInThePageLanguage() {
        String auditor = TestTokens.auditor(SITE);
        String de = page(auditor, "de", "/console/logs?site=" + SITE + "&from=2026-11-20&to=2026-11-10");
        assertTrue(de.contains("Das Enddatum darf nicht vor dem Startdatum liegen."), de);
        assertFalse(de.contains("id=\"log\""), "no table that looks like an empty result");
        String en = page(auditor, "en", "/console/logs?site=" + SITE + "&from=2026-11-20&to=2026-11-10");
        assertTrue(en.contains("The end date must not be before the start date."));
        assertFalse(en.contains("Invalid filter"), "no technical message");
        assertTrue(page(auditor, "de", "/console/logs?site=" + SITE + "&category=Statistik")
                .contains("Der Banner dieser Website hat keine solche Kategorie"), "free text that names no category");
        assertTrue(page(auditor, "en", "/console/logs?site=" + SITE + "&visitor=ab")
                .contains("Enter at least the first 4 characters of the visitor ID."));
        assertTrue(page(auditor, "en", "/console/logs?site=" + SITE + "&visitor=ab%20cd%3B")
                .contains("A visitor ID consists only of letters"));
        assertTrue(page(auditor, "en", "/console/logs?site=" + SITE + "&decision=granted")
                .contains("Choose a category to filter by a decision."));
        assertTrue(page(auditor, "de", "/console/logs?site=" + SITE + "&cursor=garbage")
                .contains("Dieser Seitenlink ist nicht mehr gültig"));
        String none = page(auditor, "en", "/console/logs?site=" + SITE + "&visitor=ffffffff");
        assertTrue(none.contains("No entry matches these filters."), "an honest empty result says so");
        assertTrue(none.contains("0 entries match"));
    }

    @Test
    void auditTrailFiltersByActionPrefixAndDateAndShowsNetworks() {
        String marker = "audit-v2-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 60; i++) {
            audit.recordAs(marker, "203.0.113.0", i % 2 == 0 ? "account.create" : "account.update", null, "u" + i, Map.of());
        }
        audit.recordAs(marker, "2001:db8:1::", "token.issued", null, "t", Map.of());
        String admin = TestTokens.admin();
        JsonPath api = given().auth().oauth2(admin).queryParam("actor", marker).queryParam("actionPrefix", "account.")
                .queryParam("count", "true").queryParam("limit", "50").when().get("/api/v1/admin/audit")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(60, api.getInt("total"));
        assertEquals(50, api.getList("items").size());
        JsonPath second = given().auth().oauth2(admin).queryParam("actor", marker).queryParam("actionPrefix", "account.")
                .queryParam("limit", "50").queryParam("cursor", api.getString("nextCursor")).when().get("/api/v1/admin/audit")
                .then().statusCode(200).body("nextCursor", nullValue()).extract().jsonPath();
        assertEquals(10, second.getList("items").size());
        JsonPath back = given().auth().oauth2(admin).queryParam("actor", marker).queryParam("actionPrefix", "account.")
                .queryParam("limit", "50").queryParam("cursor", second.getString("prevCursor")).queryParam("direction", "prev")
                .when().get("/api/v1/admin/audit").then().statusCode(200).body("prevCursor", nullValue()).extract().jsonPath();
        assertEquals(api.getList("items.id"), back.getList("items.id"));
        given().auth().oauth2(admin).queryParam("from", "2026-11-20").queryParam("to", "2026-11-10")
                .when().get("/api/v1/admin/audit").then().statusCode(400);

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String html = page(admin, "en", "/console/admin/audit?actor=" + marker + "&action=account.&from=" + today + "&to=" + today);
        assertTrue(html.contains("60 entries match"), "the action prefix matches both account actions");
        assertTrue(html.contains("203.0.113.0/24"), "the stored network, not a made-up address");
        assertTrue(html.contains("id=\"next-page\""));
        String tokens = page(admin, "en", "/console/admin/audit?actor=" + marker + "&action=token.");
        assertTrue(tokens.contains("2001:db8:1::/48"));
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        assertTrue(page(admin, "en", "/console/admin/audit?actor=" + marker + "&to=" + yesterday)
                .contains("No entry matches these filters."), "nothing of the marker before today");
        String de = page(admin, "de", "/console/admin/audit?from=" + today + "&to=" + yesterday);
        assertTrue(de.contains("Das Enddatum darf nicht vor dem Startdatum liegen."));
        assertTrue(page(admin, "en", "/console/admin/audit?action=account%20create")
                .contains("An action consists of at most 64 letters"));
    }

    private static String page(String session, String lang, String path) {
        return given().cookie(LoginResource.SESSION_COOKIE, session).cookie(ConsoleLanguage.COOKIE, lang)
                .when().get(path.replace("&amp;", "&")).then().statusCode(200).extract().asString();
    }

    private static String link(String html, String id) {
        Matcher m = Pattern.compile("href=\"([^\"]+)\" id=\"" + id + "\"").matcher(html);
        assertTrue(m.find(), "link " + id);
        return m.group(1);
    }

    private static Set<String> receipts(String html) {
        List<String> all = new ArrayList<>();
        Matcher m = RECEIPT.matcher(html);
        while (m.find()) {
            all.add(m.group(1));
        }
        Set<String> unique = new HashSet<>(all);
        assertEquals(all.size(), unique.size(), "no event twice on a page");
        return unique;
    }
}
