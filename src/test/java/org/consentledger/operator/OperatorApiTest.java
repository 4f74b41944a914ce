package org.consentledger.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.consentledger.config.ConfigService;
import org.consentledger.platform.ProblemException;
import org.consentledger.site.SiteService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator API end to end over HTTP against MariaDB. */
@QuarkusTest
class OperatorApiTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SiteService sites;

    @Inject
    ConfigService configs;

    @Inject
    RateLimiter rateLimiter;

    @BeforeEach
    void resetLimits() {
        rateLimiter.reset();
    }

    private String newSite() {
        String key = "t-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("siteKey", key, "name", "Test " + key, "allowedOrigins", List.of("https://" + key + ".example")))
                .when().post("/api/v1/admin/sites")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/admin/sites/" + key))
                .body("siteKey", equalTo(key));
        return key;
    }

    private long siteId(String key) {
        return sites.findByKey(key).orElseThrow().id;
    }

    private String token(String user, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", user, "password", password))
                .when().post("/api/v1/auth/token").then().statusCode(200).extract().path("access_token");
    }

    @Test
    void accountLifecycleCreateLoginDisableResetPassword() {
        String site = newSite();
        String user = "dpo-" + UUID.randomUUID().toString().substring(0, 6);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("username", user, "password", "first-password-1", "roles", List.of("auditor"),
                        "sites", List.of(site)))
                .when().post("/api/v1/admin/users")
                .then().statusCode(201).header("Location", containsString("/api/v1/admin/users/" + user))
                .body("roles", equalTo(List.of("auditor"))).body("sites", equalTo(List.of(site)))
                .body("passwordHash", nullValue());

        String token = token(user, "first-password-1");
        given().auth().oauth2(token).when().get("/api/v1/admin/sites")
                .then().statusCode(200).body("siteKey", equalTo(List.of(site)));
        given().auth().oauth2(token).when().get("/api/v1/admin/sites/kibox").then().statusCode(404);

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("username", user, "password", "x", "roles", List.of("root"), "sites", List.of()))
                .when().post("/api/v1/admin/users")
                .then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("roles")).body("errors.field", hasItem("password"));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("username", user, "password", "first-password-1", "roles", List.of("auditor"),
                        "sites", List.of(site)))
                .when().post("/api/v1/admin/users").then().statusCode(409);

        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/admin/users/" + user + "/disable")
                .then().statusCode(200).body("enabled", equalTo(false));
        given().contentType(ContentType.JSON).body(Map.of("username", user, "password", "first-password-1"))
                .when().post("/api/v1/auth/token").then().statusCode(401);
        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/admin/users/" + user + "/enable")
                .then().statusCode(200);

        String generated = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/admin/users/" + user + "/password")
                .then().statusCode(200).body("generated", equalTo(true)).extract().path("password");
        given().contentType(ContentType.JSON).body(Map.of("username", user, "password", "first-password-1"))
                .when().post("/api/v1/auth/token").then().statusCode(401);
        token(user, generated);

        given().auth().oauth2(TestTokens.admin()).queryParam("action", "account.disable")
                .when().get("/api/v1/admin/audit")
                .then().statusCode(200).body("items.target", hasItem(user))
                .body("items[0].actor", equalTo("test-admin")).body("items[0].ip", notNullValue());
    }

    @Test
    void tokenEndpointIsRateLimitedWith429AndRetryAfter() {
        String user = "nobody-" + UUID.randomUUID().toString().substring(0, 6);
        int status = 0;
        int attempts = 0;
        while (attempts < 50) {
            attempts++;
            status = given().contentType(ContentType.JSON).body(Map.of("username", user, "password", "guess-" + attempts))
                    .when().post("/api/v1/auth/token").then().extract().statusCode();
            if (status == 429) {
                break;
            }
            assertEquals(401, status);
        }
        assertEquals(429, status, "no 429 after " + attempts + " wrong passwords");
        given().contentType(ContentType.JSON).body(Map.of("username", user, "password", "again"))
                .when().post("/api/v1/auth/token")
                .then().statusCode(429).header("Retry-After", notNullValue())
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void consentEndpointLimiterAnswers429PerTruncatedIp() {
        String ip = "198.51.100.0";
        while (rateLimiter.tryAcquire(RateLimiter.Scope.CONSENT, ip) == 0) {
            // drain the bucket (its capacity is configurable and large in tests)
        }
        ProblemException limited = null;
        try {
            rateLimiter.checkConsent(ip);
        } catch (ProblemException e) {
            limited = e;
        }
        assertTrue(limited != null, "the consent limiter never limited");
        assertEquals(429, limited.problem().status());
        assertTrue(Long.parseLong(limited.headers().get("Retry-After")) >= 1);
        rateLimiter.checkConsent("198.51.101.0"); // another /24 is not affected
    }

    @Test
    void sitesAreScopedAndSettingsChangesAreAudited() {
        String site = newSite();
        String other = newSite();
        String operator = TestTokens.operator(site);
        given().auth().oauth2(operator).when().get("/api/v1/admin/sites")
                .then().statusCode(200).body("siteKey", equalTo(List.of(site)));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/admin/sites")
                .then().statusCode(200).body("siteKey", hasItem(site)).body("siteKey", hasItem(other));

        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("allowedOrigins", List.of("https://shop.example")))
                .when().patch("/api/v1/admin/sites/" + site)
                .then().statusCode(200).body("site.allowedOrigins", equalTo(List.of("https://shop.example")));
        // retention decides when proof is purged: admins only, and never below the floor (365 days by default)
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("retentionDays", 400))
                .when().patch("/api/v1/admin/sites/" + site).then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("retentionDays", 1))
                .when().patch("/api/v1/admin/sites/" + site).then().statusCode(422)
                .body("errors.field", hasItem("retentionDays"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("retentionDays", 400))
                .when().patch("/api/v1/admin/sites/" + site).then().statusCode(200)
                .body("site.retentionDays", equalTo(400));
        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("allowedOrigins", List.of("not an origin")))
                .when().patch("/api/v1/admin/sites/" + site)
                .then().statusCode(422).body("errors.field", hasItem("allowedOrigins[0]"));
        given().auth().oauth2(TestTokens.auditor(site)).contentType(ContentType.JSON)
                .body(Map.of("retentionDays", 10)).when().patch("/api/v1/admin/sites/" + site).then().statusCode(403);

        given().auth().oauth2(TestTokens.admin()).queryParam("site", site).queryParam("action", "site.update")
                .when().get("/api/v1/admin/audit")
                .then().statusCode(200).body("items", hasSize(2))
                .body("items.details", hasItem(containsString("shop.example")))
                .body("items.details", hasItem(containsString("retentionDaysBefore")));
    }

    @Test
    void publishListGetAndDiffConfigVersions() {
        String site = newSite();
        String operator = TestTokens.operator(site);
        ObjectNode v1 = OperatorTestData.exampleConfig();
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(v1.toString())
                .when().post("/api/v1/admin/sites/" + site + "/configs")
                .then().statusCode(201).header("Location", containsString("/configs/1")).body("version", equalTo(1))
                .body("contentHash", notNullValue());

        ObjectNode v2 = v1.deepCopy();
        ObjectNode marketing = MAPPER.createObjectNode();
        marketing.put("id", "marketing").put("required", false);
        marketing.putObject("title").put("de", "Marketing").put("en", "Marketing");
        marketing.putObject("description").put("de", "Werbung").put("en", "Ads");
        ((com.fasterxml.jackson.databind.node.ArrayNode) v2.get("categories")).add(marketing);
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(v2.toString())
                .when().post("/api/v1/admin/sites/" + site + "/configs")
                .then().statusCode(201).body("version", equalTo(2));

        ObjectNode broken = v1.deepCopy();
        broken.remove("categories");
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(broken.toString())
                .when().post("/api/v1/admin/sites/" + site + "/configs")
                .then().statusCode(422).contentType(startsWith("application/problem+json")).body("errors", not(hasSize(0)));

        given().auth().oauth2(TestTokens.auditor(site)).when().get("/api/v1/admin/sites/" + site + "/configs")
                .then().statusCode(200).body("version", equalTo(List.of(2, 1)));
        given().auth().oauth2(TestTokens.auditor(site)).when().get("/api/v1/admin/sites/" + site + "/configs/2")
                .then().statusCode(200).body("content.categories.id", hasItem("marketing"));
        given().auth().oauth2(TestTokens.auditor(site)).when().get("/api/v1/admin/sites/" + site + "/configs/9")
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.auditor(site)).queryParam("from", 1).queryParam("to", 2)
                .when().get("/api/v1/admin/sites/" + site + "/configs/diff")
                .then().statusCode(200).body("categories.added", equalTo(List.of("marketing")))
                .body("reconsentRequired", equalTo(true)).body("reasons[0]", containsString("marketing"));
        given().auth().oauth2(TestTokens.auditor(site)).queryParam("from", 2).queryParam("to", 1)
                .when().get("/api/v1/admin/sites/" + site + "/configs/diff")
                .then().statusCode(200).body("categories.removed", equalTo(List.of("marketing")))
                .body("reconsentRequired", equalTo(false));

        // cookie settings live in the banner config: changing them publishes version 3
        given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"cookie\":{\"maxAgeDays\":90}}")
                .when().patch("/api/v1/admin/sites/" + site)
                .then().statusCode(200).body("configVersion", equalTo(3));
        given().auth().oauth2(operator).when().get("/api/v1/admin/sites/" + site + "/configs/3")
                .then().statusCode(200).body("content.cookie.maxAgeDays", equalTo(90))
                .body("publishedBy", equalTo("op-" + site));
        given().auth().oauth2(TestTokens.admin()).queryParam("site", site).queryParam("action", "config.publish")
                .when().get("/api/v1/admin/audit").then().statusCode(200).body("items", hasSize(3));
    }

    @Test
    void consentLogFiltersAndKeysetPaginationStayStableWhileEventsArrive() {
        String site = newSite();
        long id = siteId(site);
        Instant base = Instant.now().minus(2, ChronoUnit.HOURS);
        List<String> given = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            given.add(OperatorTestData.event(dataSource, id, "v-" + i, "given", "accept-all",
                    "{\"essential\":true,\"analytics\":true}", base.plusSeconds(i)));
        }
        String refused = OperatorTestData.event(dataSource, id, "v-r", "refused", "reject-all",
                "{\"essential\":true,\"analytics\":false}", base.plusSeconds(20));
        String withdrawn = OperatorTestData.event(dataSource, id, "v-0", "withdrawn", "withdraw",
                "{\"essential\":true,\"analytics\":false}", base.plusSeconds(30));
        String auditor = TestTokens.auditor(site);
        String path = "/api/v1/admin/sites/" + site + "/consents";

        given().auth().oauth2(auditor).queryParam("action", "withdrawn").when().get(path)
                .then().statusCode(200).body("items.consentId", equalTo(List.of(withdrawn)));
        given().auth().oauth2(auditor).queryParam("category", "analytics").queryParam("decision", "denied")
                .when().get(path).then().statusCode(200).body("items.consentId", equalTo(List.of(withdrawn, refused)));
        given().auth().oauth2(auditor).queryParam("visitor", "v-0").when().get(path)
                .then().statusCode(200).body("items", hasSize(2)).body("items.visitorId", everyItem(equalTo("v-0")));
        given().auth().oauth2(auditor).queryParam("method", "reject-all").when().get(path)
                .then().statusCode(200).body("items.consentId", equalTo(List.of(refused)));
        given().auth().oauth2(auditor).queryParam("from", base.plusSeconds(2).toString())
                .queryParam("to", base.plusSeconds(5).toString()).when().get(path)
                .then().statusCode(200).body("items", hasSize(3));
        given().auth().oauth2(auditor).queryParam("decision", "granted").when().get(path)
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(auditor).queryParam("from", "yesterday").when().get(path).then().statusCode(400);
        given().auth().oauth2(auditor).queryParam("cursor", "garbage!").when().get(path).then().statusCode(400);

        // page through all "given" events 3 at a time while newer events keep arriving
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(auditor).queryParam("action", "given").queryParam("limit", 3);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonNode page = json(request.when().get(path).then().statusCode(200).extract().asString());
            for (JsonNode item : page.get("items")) {
                assertTrue(seen.add(item.get("consentId").asText()), "event seen twice");
            }
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            OperatorTestData.event(dataSource, id, "late-" + pages, "given", "accept-all",
                    "{\"essential\":true,\"analytics\":true}", Instant.now());
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(new HashSet<>(given), seen, "keyset pages must return exactly the events present at the start");

        // looking up one visitor is logged
        given().auth().oauth2(TestTokens.admin()).queryParam("site", site).queryParam("action", "consents.query-visitor")
                .when().get("/api/v1/admin/audit").then().statusCode(200).body("items[0].target", equalTo("v-0"))
                .body("items[0].actor", startsWith("aud-"));
    }

    @Test
    void exportsStreamCsvAndNdjsonAndAreAudited() throws Exception {
        String site = newSite();
        long id = siteId(site);
        Instant t = Instant.now().minus(1, ChronoUnit.HOURS);
        OperatorTestData.event(dataSource, id, "v-1", "given", "accept-all", "{\"essential\":true,\"analytics\":true}", t);
        String objecting = OperatorTestData.event(dataSource, id, "v-2", "refused", "reject-all",
                "{\"essential\":true,\"analytics\":false}", t.plusSeconds(1));
        objectTo(objecting, "{\"vercel\":false}");
        String path = "/api/v1/admin/sites/" + site + "/consents/export";

        String csv = given().auth().oauth2(TestTokens.auditor(site)).queryParam("format", "csv").when().get(path)
                .then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString(".csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(3, lines.length, csv);
        assertTrue(lines[0].startsWith("consent_id,recorded_at,visitor_id,action"), lines[0]);
        assertTrue(lines[1].contains(",v-1,given,accept-all,\"{\"\"essential\"\":true"), lines[1]);
        assertTrue(lines[2].contains(",v-2,refused,reject-all,"), lines[2]);
        assertTrue(lines[0].endsWith(",user_agent,services"), lines[0]);
        assertTrue(lines[2].endsWith(",\"{\"\"vercel\"\":false}\""), "the objection is exported: " + lines[2]);

        String ndjson = given().auth().oauth2(TestTokens.auditor(site)).accept("application/x-ndjson")
                .queryParam("action", "refused").when().get(path)
                .then().statusCode(200).contentType(startsWith("application/x-ndjson")).extract().asString();
        String[] rows = ndjson.trim().split("\n");
        assertEquals(1, rows.length, ndjson);
        JsonNode row = json(rows[0]);
        assertEquals("v-2", row.get("visitorId").asText());
        assertEquals(false, row.get("decisions").get("analytics").asBoolean());
        assertEquals(false, row.get("services").get("vercel").asBoolean(), "the objection is exported");

        given().auth().oauth2(TestTokens.admin()).queryParam("site", site).queryParam("action", "consents.export")
                .when().get("/api/v1/admin/audit").then().statusCode(200).body("items", hasSize(2))
                .body("items[0].details", containsString("ndjson")).body("items[0].details", containsString("refused"));
    }

    @Test
    void statisticsPerDayAndCategoryFromRollUpAndLiveDays() {
        String site = newSite();
        long id = siteId(site);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant threeDaysAgo = today.minusDays(3).atTime(12, 0).toInstant(ZoneOffset.UTC);
        for (int i = 0; i < 3; i++) {
            OperatorTestData.event(dataSource, id, "a" + i, "given", "accept-all",
                    "{\"essential\":true,\"analytics\":true}", threeDaysAgo.plusSeconds(i));
        }
        OperatorTestData.event(dataSource, id, "r", "refused", "reject-all",
                "{\"essential\":true,\"analytics\":false}", threeDaysAgo);
        OperatorTestData.event(dataSource, id, "p", "partial", "save-settings",
                "{\"essential\":true,\"analytics\":false}", threeDaysAgo);
        OperatorTestData.event(dataSource, id, "a0", "withdrawn", "withdraw",
                "{\"essential\":true,\"analytics\":false}", Instant.now());
        String path = "/api/v1/admin/sites/" + site + "/stats";
        for (int call = 0; call < 2; call++) { // first call rolls the closed day up, second reads the roll-up
            given().auth().oauth2(TestTokens.auditor(site)).queryParam("from", today.minusDays(6).toString())
                    .queryParam("to", today.toString()).when().get(path)
                    .then().statusCode(200)
                    .body("days.find { it.day == '" + today.minusDays(3) + "' && it.category == 'analytics' }.accepted",
                            equalTo(3))
                    .body("days.find { it.day == '" + today.minusDays(3) + "' && it.category == 'analytics' }.rejected",
                            equalTo(2))
                    .body("days.find { it.day == '" + today.minusDays(3) + "' && it.category == 'analytics' }.partial",
                            equalTo(1))
                    .body("days.find { it.day == '" + today.minusDays(3) + "' && it.category == 'analytics' }.optInRate",
                            equalTo(0.6f))
                    .body("days.find { it.day == '" + today + "' && it.category == 'analytics' }.withdrawn", equalTo(1));
        }
        given().auth().oauth2(TestTokens.auditor(site)).queryParam("from", "2026-13-01").when().get(path).then().statusCode(400);
        given().auth().oauth2(TestTokens.auditor(site)).queryParam("from", "2020-01-01").queryParam("to", "2026-01-01")
                .when().get(path).then().statusCode(400);
    }

    @Inject
    StatsService statsService;

    @Test
    void statisticsRollUpIsIncrementalAndNeverCountsAnEventTwice() {
        String site = newSite();
        long id = siteId(site);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant earlier = Instant.now().minus(2, ChronoUnit.HOURS);
        if (earlier.atZone(ZoneOffset.UTC).toLocalDate().isBefore(today)) {
            earlier = today.atStartOfDay().toInstant(ZoneOffset.UTC); // shortly after midnight: stay on today
        }
        for (int i = 0; i < 4; i++) {
            OperatorTestData.event(dataSource, id, "v" + i, "given", "accept-all", "{\"analytics\":true}", earlier);
        }
        String path = "/api/v1/admin/sites/" + site + "/stats";
        // first query rolls today up to now - 10 min (the 4 events) and counts the rest live
        given().auth().oauth2(TestTokens.auditor(site)).when().get(path).then().statusCode(200)
                .body("days.find { it.day == '" + today + "' && it.category == 'analytics' }.accepted", equalTo(4));
        // new events arrive after the watermark: counted live, on top of the roll-up
        OperatorTestData.event(dataSource, id, "n1", "refused", "reject-all", "{\"analytics\":false}", Instant.now());
        OperatorTestData.event(dataSource, id, "n2", "refused", "reject-all", "{\"analytics\":false}", Instant.now());
        given().auth().oauth2(TestTokens.auditor(site)).when().get(path).then().statusCode(200)
                .body("days.find { it.day == '" + today + "' && it.category == 'analytics' }.accepted", equalTo(4))
                .body("days.find { it.day == '" + today + "' && it.category == 'analytics' }.rejected", equalTo(2));
        // an hour later the scheduled roll-forward has added them to the roll-up: still counted exactly once
        StatsService stats = io.quarkus.arc.ClientProxy.unwrap(statsService);
        java.time.Clock real = stats.clock;
        try {
            stats.clock = java.time.Clock.offset(real, java.time.Duration.ofHours(1));
            stats.rollForwardAllSites();
            List<StatsService.DayCategory> rows = stats.stats(id, today, today);
            StatsService.DayCategory analytics = rows.stream().filter(r -> r.category().equals("analytics"))
                    .findFirst().orElseThrow();
            assertEquals(4, analytics.accepted());
            assertEquals(2, analytics.rejected());
        } finally {
            stats.clock = real;
        }
        try (var c = dataSource.getConnection(); var q = c.prepareStatement(
                "SELECT SUM(accepted), SUM(rejected) FROM operator_stats_rollup WHERE site_id = ? AND category = 'analytics'")) {
            q.setLong(1, id);
            try (var rs = q.executeQuery()) {
                rs.next();
                assertEquals(4, rs.getLong(1), "rolled up, not live");
                assertEquals(2, rs.getLong(2), "rolled up, not live");
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void dataSubjectRequestsAreTrackedWithTheirDeadlineAndAnsweredByExportAndErasure() {
        String site = newSite();
        long id = siteId(site);
        String visitor = UUID.randomUUID().toString();
        OperatorTestData.event(dataSource, id, visitor, "given", "accept-all", "{\"essential\":true,\"analytics\":true}",
                Instant.now().minusSeconds(600));
        String base = "/api/v1/admin/sites/" + site + "/dsr";
        String operator = TestTokens.operator(site);

        // invalid requests: 422 naming the fields, nothing stored
        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("visitorId", "a b", "kind", "rectification", "receivedAt", "2999-01-01"))
                .when().post(base).then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("visitorId")).body("errors.field", hasItem("kind"))
                .body("errors.field", hasItem("receivedAt"));
        given().auth().oauth2(TestTokens.auditor(site)).contentType(ContentType.JSON)
                .body(Map.of("visitorId", visitor, "kind", "access")).when().post(base).then().statusCode(403);
        given().auth().oauth2(operator).when().get(base).then().statusCode(200).body("items", hasSize(0)).body("open", equalTo(0));

        // an access request received by letter 40 days ago is overdue; an erasure request received today is not
        Instant received = Instant.now().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String accessLocation = given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("visitorId", visitor, "kind", "access", "receivedAt", received.toString()))
                .when().post(base).then().statusCode(201).header("Location", containsString(base + "/"))
                .body("status", equalTo("open")).body("overdue", equalTo(true))
                .body("dueAt", equalTo(received.atZone(ZoneOffset.UTC).plusMonths(1).toInstant().toString()))
                .extract().header("Location");
        int erasureId = given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("visitorId", visitor, "kind", "erasure")).when().post(base)
                .then().statusCode(201).body("overdue", equalTo(false)).extract().path("id");
        given().auth().oauth2(TestTokens.auditor(site)).when().get(base).then().statusCode(200)
                .body("open", equalTo(2)).body("overdue", equalTo(1)).body("items", hasSize(2));
        given().auth().oauth2(TestTokens.auditor(site)).queryParam("overdue", true).when().get(base).then().statusCode(200)
                .body("items.kind", equalTo(List.of("access")));

        // an auditor's look at the visitor answers nothing; the operator's export answers the access request (late)
        given().auth().oauth2(TestTokens.auditor(site)).when().get("/api/v1/admin/sites/" + site + "/visitors/" + visitor)
                .then().statusCode(200).body("requests", hasSize(0));
        given().auth().oauth2(operator).when().get("/api/v1/admin/sites/" + site + "/visitors/" + visitor)
                .then().statusCode(200).body("requests", hasSize(1));
        given().auth().oauth2(operator).when().get(accessLocation).then().statusCode(200)
                .body("status", equalTo("completed")).body("completedBy", equalTo("op-" + site))
                .body("overdue", equalTo(false)).body("answeredLate", equalTo(true));

        // the erasure answers the erasure request and removes the visitor id from every request of the visitor
        given().auth().oauth2(operator).when().delete("/api/v1/admin/sites/" + site + "/visitors/" + visitor)
                .then().statusCode(200).body("requests", equalTo(List.of(erasureId)));
        String list = given().auth().oauth2(operator).when().get(base).then().statusCode(200)
                .body("open", equalTo(0)).body("items.status", everyItem(equalTo("completed")))
                .body("items.erasureId", everyItem(notNullValue())).extract().asString();
        assertTrue(!list.contains(visitor), "visitor id still stored after erasure: " + list);

        // reject: an open request is closed without being carried out, once
        int other = given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("visitorId", "someone-else", "kind", "access")).when().post(base)
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(operator).when().post(base + "/" + other + "/reject").then().statusCode(200)
                .body("status", equalTo("rejected"));
        given().auth().oauth2(operator).when().post(base + "/" + other + "/reject").then().statusCode(409);
        given().auth().oauth2(operator).when().get(base + "/999999999").then().statusCode(404);
        // another tenant naming this site's request id under its own site: 404, never the request
        String otherSite = newSite();
        given().auth().oauth2(TestTokens.operator(otherSite)).when().get("/api/v1/admin/sites/" + otherSite + "/dsr/" + other)
                .then().statusCode(404).body(not(containsString("someone-else")));
        given().auth().oauth2(TestTokens.operator(otherSite)).when()
                .post("/api/v1/admin/sites/" + otherSite + "/dsr/" + other + "/reject").then().statusCode(404);
        given().auth().oauth2(operator).when().get(base + "/abc").then().statusCode(404);
        given().auth().oauth2(TestTokens.admin()).queryParam("site", site).queryParam("action", "dsr.request")
                .when().get("/api/v1/admin/audit").then().statusCode(200).body("items", hasSize(3))
                .body("items.target", everyItem(startsWith("request ")));
    }

    @Test
    void dataSubjectExportContainsEverythingAboutTheVisitorIncludingRefusalsAndWithdrawals() {
        String site = newSite();
        long id = siteId(site);
        String visitor = UUID.randomUUID().toString();
        Instant t = Instant.now().minus(3, ChronoUnit.DAYS);
        OperatorTestData.event(dataSource, id, visitor, "refused", "reject-all", "{\"essential\":true,\"analytics\":false}", t);
        OperatorTestData.event(dataSource, id, visitor, "given", "accept-all", "{\"essential\":true,\"analytics\":true}",
                t.plusSeconds(60));
        objectTo(OperatorTestData.event(dataSource, id, visitor, "withdrawn", "withdraw",
                "{\"essential\":true,\"analytics\":false}", t.plusSeconds(120)), "{\"vercel\":false}");
        OperatorTestData.event(dataSource, id, "someone-else", "given", "accept-all", "{\"essential\":true}", t);

        given().auth().oauth2(TestTokens.operator(site)).when().get("/api/v1/admin/sites/" + site + "/visitors/" + visitor)
                .then().statusCode(200).body("visitorId", equalTo(visitor))
                .body("events.action", equalTo(List.of("refused", "given", "withdrawn")))
                .body("events.visitorId", everyItem(equalTo(visitor)))
                .body("current.action", equalTo("withdrawn"))
                .body("current.services.vercel", equalTo(false))
                .body("events[0].services", nullValue());
        given().auth().oauth2(TestTokens.operator(site)).when().get("/api/v1/admin/sites/" + site + "/visitors/a%20b")
                .then().statusCode(400);
        given().auth().oauth2(TestTokens.admin()).queryParam("site", site).queryParam("action", "dsr.export")
                .when().get("/api/v1/admin/audit").then().statusCode(200).body("items[0].target", equalTo(visitor));
    }

    @Test
    void erasureRemovesTheVisitorsPersonalDataThroughTheLedgerAndIsAudited() {
        String site = newSite();
        long id = siteId(site);
        String visitor = UUID.randomUUID().toString();
        OperatorTestData.event(dataSource, id, visitor, "given", "accept-all", "{\"essential\":true,\"analytics\":true}",
                Instant.now().minusSeconds(60));
        OperatorTestData.event(dataSource, id, visitor, "withdrawn", "withdraw", "{\"essential\":true,\"analytics\":false}",
                Instant.now().minusSeconds(30));
        String path = "/api/v1/admin/sites/" + site + "/visitors/" + visitor;
        given().auth().oauth2(TestTokens.auditor(site)).when().delete(path).then().statusCode(403);
        given().auth().oauth2(TestTokens.operator(site)).when().delete(path)
                .then().statusCode(200).body("eventsErased", equalTo(2)).body("erasureId", notNullValue());
        given().auth().oauth2(TestTokens.operator(site)).when().get(path)
                .then().statusCode(200).body("events", hasSize(0));
        given().auth().oauth2(TestTokens.operator(site)).when().delete(path)
                .then().statusCode(200).body("eventsErased", equalTo(0));
        given().auth().oauth2(TestTokens.admin()).queryParam("site", site).queryParam("action", "dsr.erase")
                .when().get("/api/v1/admin/audit").then().statusCode(200).body("items", hasSize(2))
                .body("items[1].target", startsWith("erasure "))
                .body("items.target", not(hasItem(visitor)));
    }

    @Test
    void auditTrailIsAdminOnlyAndPaginates() {
        newSite();
        newSite();
        JsonNode first = json(given().auth().oauth2(TestTokens.admin()).queryParam("action", "site.create")
                .queryParam("limit", 1).when().get("/api/v1/admin/audit").then().statusCode(200).extract().asString());
        String cursor = first.get("nextCursor").asText();
        JsonNode second = json(given().auth().oauth2(TestTokens.admin()).queryParam("action", "site.create")
                .queryParam("limit", 1).queryParam("cursor", cursor).when().get("/api/v1/admin/audit")
                .then().statusCode(200).extract().asString());
        assertTrue(second.get("items").get(0).get("id").asLong() < first.get("items").get(0).get("id").asLong());
    }

    private static JsonNode json(String s) {
        try {
            return MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(s, e);
        }
    }

    /** Gives a stored event per-service decisions, as a banner that posts an objection does. */
    private void objectTo(String consentId, String servicesJson) {
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("UPDATE consent_event SET service_decisions = ? WHERE consent_id = ?")) {
            s.setString(1, servicesJson);
            s.setString(2, consentId);
            assertEquals(1, s.executeUpdate());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
