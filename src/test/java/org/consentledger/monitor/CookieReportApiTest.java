package org.consentledger.monitor;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.consentledger.config.ConfigService;
import org.consentledger.operator.OperatorTestData;
import org.consentledger.operator.RateLimiter;
import org.consentledger.operator.TestTokens;
import org.consentledger.site.SiteService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The monitor's visitor endpoint (limits, bad input: problem+json and nothing stored) and its operator API. */
@QuarkusTest
class CookieReportApiTest {

    static final String SITE = "mon-api";
    static final String ORIGIN = "https://mon-api.example";

    @Inject
    SiteService sites;
    @Inject
    ConfigService configs;
    @Inject
    MonitorStore store;
    @Inject
    MonitorJob job;
    @Inject
    RateLimiter rateLimiter;
    @Inject
    AgroalDataSource dataSource;

    long siteId;

    @BeforeEach
    void site() throws Exception {
        siteId = OperatorTestData.site(sites, configs, SITE, "Monitor API GmbH");
        try (Connection c = dataSource.getConnection()) {
            for (String sql : List.of("DELETE FROM monitor_observation WHERE site_id = ?", "DELETE FROM monitor_ignore WHERE site_id = ?")) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setLong(1, siteId);
                    s.executeUpdate();
                }
            }
        }
        setRate(1);
        rateLimiter.reset();
    }

    @AfterEach
    void refill() {
        rateLimiter.reset();
    }

    static void setRate(int rate) {
        given().auth().oauth2(TestTokens.admin()).contentType("application/json").body("{\"sampleRate\":" + rate + "}")
                .put("/api/v1/admin/sites/" + SITE + "/cookie-monitor/settings").then().statusCode(200)
                .body("sampleRate", equalTo(rate));
    }

    static Response post(String body) {
        return given().header("Origin", ORIGIN).contentType("text/plain;charset=UTF-8").body(body)
                .post("/api/v1/sites/" + SITE + "/cookie-reports");
    }

    static final String REPORT = "{\"configVersion\":1,\"path\":\"/de/preise\",\"cookies\":["
            + "{\"name\":\"_ga\",\"beforeDecision\":true},{\"name\":\"_clck\",\"beforeDecision\":true},"
            + "{\"name\":\"accessToken\",\"beforeDecision\":true},{\"name\":\"late_cookie\",\"beforeDecision\":false}],"
            + "\"hosts\":[{\"host\":\"CDN.Tracker.example\",\"beforeDecision\":true}]}";

    @Test
    void aReportIsAggregatedAndShownWithSuggestionsBeforeConsentListAndCsv() {
        post(REPORT).then().statusCode(202).header("Access-Control-Allow-Origin", ORIGIN);
        post(REPORT.replace("/de/preise", "/en/pricing")).then().statusCode(202);

        Response r = given().auth().oauth2(TestTokens.auditor(SITE)).get("/api/v1/admin/sites/" + SITE + "/cookie-monitor");
        r.then().statusCode(200).body("sampleRate", equalTo(1)).body("configVersion", equalTo(1));
        List<Map<String, Object>> undeclared = r.path("undeclaredCookies");
        // declared cookies (_clck, accessToken) are not "undeclared"; _ga and late_cookie are
        assertEquals(List.of("_ga", "late_cookie"), undeclared.stream().map(m -> m.get("name")).sorted().toList());
        Map<String, Object> ga = undeclared.stream().filter(m -> m.get("name").equals("_ga")).findFirst().orElseThrow();
        assertEquals(2, ((Number) ga.get("count")).intValue());
        assertEquals(2, ((Number) ga.get("beforeDecisionCount")).intValue());
        assertEquals(List.of("/de/preise", "/en/pricing"), ga.get("examplePaths"));
        @SuppressWarnings("unchecked")
        Map<String, Object> suggestion = (Map<String, Object>) ga.get("suggestion");
        assertEquals("Google Analytics", suggestion.get("platform"));
        assertEquals("Analytics", suggestion.get("category"));
        assertEquals("P2Y", suggestion.get("maxAge"));
        // red list: anything before the decision except essential cookies (the declared analytics _clck is in it)
        List<Map<String, Object>> before = r.path("beforeConsent");
        assertEquals(List.of("_clck", "_ga", "cdn.tracker.example"), before.stream().map(m -> m.get("name")).sorted().toList());
        List<Map<String, Object>> hosts = r.path("hosts");
        assertEquals("cdn.tracker.example", hosts.get(0).get("name"));

        String csv = given().auth().oauth2(TestTokens.operator(SITE))
                .get("/api/v1/admin/sites/" + SITE + "/cookie-monitor?format=csv")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertTrue(csv.startsWith("list,kind,name,declared,count"), csv);
        assertTrue(csv.contains("undeclared,cookie,_ga,false,2,2,"), csv);
        assertTrue(csv.contains("before-consent,host,cdn.tracker.example"), csv);
    }

    @Test
    void ignoringANameWithAReasonHidesItAndIsAudited() {
        post(REPORT).then().statusCode(202);
        given().auth().oauth2(TestTokens.operator(SITE)).contentType("application/json")
                .body("{\"kind\":\"cookie\",\"name\":\"_ga\",\"reason\":\"<b>set by the parent company's tag</b>\"}")
                .post("/api/v1/admin/sites/" + SITE + "/cookie-monitor/ignores").then().statusCode(201);
        Response r = given().auth().oauth2(TestTokens.operator(SITE)).get("/api/v1/admin/sites/" + SITE + "/cookie-monitor");
        List<Map<String, Object>> undeclared = r.path("undeclaredCookies");
        assertEquals(List.of("late_cookie"), undeclared.stream().map(m -> m.get("name")).toList());
        assertEquals("<b>set by the parent company's tag</b>", r.path("ignored[0].reason"));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/admin/audit?action=monitor.ignore&site=" + SITE)
                .then().statusCode(200).body(containsString("cookie:_ga"));
        // no reason: 422 problem, nothing changes
        given().auth().oauth2(TestTokens.operator(SITE)).contentType("application/json")
                .body("{\"kind\":\"cookie\",\"name\":\"late_cookie\",\"reason\":\" \"}")
                .post("/api/v1/admin/sites/" + SITE + "/cookie-monitor/ignores")
                .then().statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("reason"));
        assertEquals(1, store.ignores(siteId).size());
    }

    @Test
    void badReportsAreProblemsAndStoreNothing() {
        Map<String, Integer> bad = new java.util.LinkedHashMap<>();
        bad.put("{not json", 400);
        bad.put("", 400);
        bad.put(REPORT.replace("\"configVersion\":1", "\"configVersion\":1,\"visitorId\":\"6f1c2a3b-1d2e-4f50-8a9b-0c1d2e3f4a5b\""), 422);
        bad.put(REPORT.replace("{\"name\":\"_ga\",", "{\"name\":\"_ga\",\"value\":\"GA1.1.123\","), 422);
        bad.put(REPORT.replace("\"_ga\"", "\"_ga=GA1.1.123\""), 422);
        bad.put(REPORT.replace("/de/preise", "/de/preise?utm_source=x"), 422);
        bad.put(REPORT.replace("/de/preise", "https://x.example/de"), 422);
        bad.put(REPORT.replace("CDN.Tracker.example", "evil host/path"), 422);
        bad.put(REPORT.replace("\"configVersion\":1,", ""), 422);
        StringBuilder many = new StringBuilder("{\"configVersion\":1,\"path\":\"/\",\"cookies\":[");
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append("{\"name\":\"c").append(i).append("\",\"beforeDecision\":true}");
        }
        bad.put(many.append("]}").toString(), 422);
        bad.put("{\"configVersion\":1,\"path\":\"/" + "a".repeat(17_000) + "\"}", 413);
        for (Map.Entry<String, Integer> e : bad.entrySet()) {
            post(e.getKey()).then().statusCode(e.getValue()).contentType("application/problem+json");
        }
        given().header("Origin", ORIGIN).contentType("application/xml").body(REPORT)
                .post("/api/v1/sites/" + SITE + "/cookie-reports").then().statusCode(415).contentType("application/problem+json");
        given().header("Origin", "https://evil.example").contentType("text/plain").body(REPORT)
                .post("/api/v1/sites/" + SITE + "/cookie-reports").then().statusCode(403).contentType("application/problem+json");
        given().contentType("text/plain").body(REPORT)
                .post("/api/v1/sites/no-such-site/cookie-reports").then().statusCode(404).contentType("application/problem+json");
        // Global Privacy Control: accepted but never stored
        given().header("Origin", ORIGIN).header("Sec-GPC", "1").contentType("text/plain").body(REPORT)
                .post("/api/v1/sites/" + SITE + "/cookie-reports").then().statusCode(202);
        // monitor off: refused
        setRate(0);
        post(REPORT).then().statusCode(403).contentType("application/problem+json").body("title", equalTo("Cookie monitor off"));
        assertEquals(0, store.rowCount(siteId));
    }

    @Test
    void reportsOverTheRateLimitAre429AndStoreNothing() {
        while (rateLimiter.tryAcquire(RateLimiter.Scope.MONITOR, "127.0.0.0") == 0) {
            // drain the monitor bucket of the test client's /24
        }
        post(REPORT).then().statusCode(429).contentType("application/problem+json").header("Retry-After", notNullValue());
        assertEquals(0, store.rowCount(siteId));
        // the consent endpoint has its own bucket: a visitor's decision is never refused because of the monitor
        assertTrue(rateLimiter.tryAcquire(RateLimiter.Scope.CONSENT, "127.0.0.0") == 0);
    }

    @Test
    void theSiteScriptCarriesTheSamplingRateAndIsEmptyWhenOff() {
        setRate(7);
        String script = given().get("/api/v1/sites/" + SITE + "/monitor.js").then().statusCode(200)
                .contentType(containsString("javascript")).header("Cache-Control", containsString("max-age"))
                .extract().asString();
        assertTrue(script.contains("+\"7\"") || script.contains("+'7'"), script);
        assertFalse(script.contains("__CL_MONITOR_RATE__"));
        setRate(0);
        String off = given().get("/api/v1/sites/" + SITE + "/monitor.js").then().statusCode(200).extract().asString();
        assertFalse(off.contains("sendBeacon"), off);
        given().contentType("application/json").body("{\"sampleRate\":-1}").auth().oauth2(TestTokens.admin())
                .put("/api/v1/admin/sites/" + SITE + "/cookie-monitor/settings").then().statusCode(422)
                .contentType("application/problem+json");
    }

    @Test
    void newNamesBeyondTheTopNCountAsOtherAndOldDaysRollUpAndExpire() throws Exception {
        StringBuilder eight = new StringBuilder("{\"configVersion\":1,\"path\":\"/\",\"cookies\":[");
        for (int i = 0; i < 8; i++) {
            eight.append(i == 0 ? "" : ",").append("{\"name\":\"n").append(i).append("\",\"beforeDecision\":false}");
        }
        post(eight.append("]}").toString()).then().statusCode(202);
        List<String> names = store.rows(siteId, Instant.EPOCH).stream().map(MonitorAggregation.Row::name).sorted().toList();
        assertEquals(List.of("(other)", "n0", "n1", "n2", "n3", "n4"), names); // top-n = 5 in tests

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate d1 = today.minusDays(40).withDayOfMonth(3);
        Instant recent = Instant.now().minusSeconds(3600);
        insert(d1, "old_cookie", 3, 1, recent, "/a");
        insert(d1.plusDays(1), "old_cookie", 4, 0, recent, "/b");
        insert(d1, "expired_cookie", 1, 0, Instant.now().minusSeconds(86400L * 1200), "/x"); // past 1095 days retention
        job.maintain(today);
        List<MonitorAggregation.Row> old = store.rows(siteId, Instant.EPOCH).stream()
                .filter(r -> r.name().equals("old_cookie")).toList();
        assertEquals(1, old.size());
        assertEquals(d1.withDayOfMonth(1), old.get(0).day());
        assertEquals(7, old.get(0).count());
        assertEquals(1, old.get(0).beforeCount());
        assertEquals(List.of("/a", "/b"), old.get(0).examplePaths());
        assertTrue(store.rows(siteId, Instant.EPOCH).stream().noneMatch(r -> r.name().equals("expired_cookie")));
        // today's rows are left as they are
        assertTrue(store.rows(siteId, Instant.EPOCH).stream().anyMatch(r -> r.name().equals("n0") && r.day().equals(today)));
    }

    private void insert(LocalDate day, String name, long count, long before, Instant lastSeen, String path) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO monitor_observation (site_id, day, kind, name, seen_count, before_count, first_seen, last_seen, "
                        + "example_paths, before_paths, config_version) VALUES (?, ?, 'cookie', ?, ?, ?, ?, ?, ?, '', 1)")) {
            s.setLong(1, siteId);
            s.setDate(2, java.sql.Date.valueOf(day));
            s.setString(3, name);
            s.setLong(4, count);
            s.setLong(5, before);
            s.setTimestamp(6, Timestamp.from(lastSeen.minusSeconds(60)));
            s.setTimestamp(7, Timestamp.from(lastSeen));
            s.setString(8, path);
            s.executeUpdate();
        }
    }
}
