package org.consentledger.consent;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@QuarkusTest
class ConsentApiTest {

    static final String CONSENTS = "/api/v1/sites/{site}/consents";
    static final String SITE = "kommunikationstrainer";

    @Inject
    AgroalDataSource dataSource;

    static String body(String visitor, String method, boolean analytics) {
        return """
                {"visitorId":"%s","configVersion":1,"decisions":{"essential":true,"analytics":%s},
                 "method":"%s","language":"de","gpc":false,
                 "pageUrl":"https://kommunikationstrainer.ai/de/preise?utm_source=mail&email=a@b.c#top"}"""
                .formatted(visitor, analytics, method);
    }

    @Test
    void consentIsRecordedWithServerSideFieldsAndReadBack() {
        String visitor = UUID.randomUUID().toString();
        Response created = given().contentType(ContentType.JSON).body(body(visitor, "accept-all", true))
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0")
                .when().post(CONSENTS, SITE)
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/receipts/[0-9a-f-]{36}"))
                .body("visitorId", equalTo(visitor))
                .body("action", equalTo("given"))
                .body("configVersion", equalTo(1))
                .body("configHash", matchesPattern("[0-9a-f]{64}"))
                .body("decisions.analytics", equalTo(true))
                .extract().response();
        String consentId = created.path("consentId");

        given().when().get("/api/v1/sites/{site}/visitors/{visitor}/consent", SITE, visitor)
                .then().statusCode(200)
                .body("current.consentId", equalTo(consentId))
                .body("current.decisions.analytics", equalTo(true))
                .body("history", hasSize(1));

        Map<String, Object> row = row(consentId);
        assertEquals("127.0.0.0", row.get("ip_truncated"), "only the truncated IP is stored");
        assertEquals("Firefox/133 (Linux)", row.get("user_agent"));
        assertEquals("https://kommunikationstrainer.ai/de/preise", row.get("page_url"), "query and fragment dropped");
        assertEquals("{\"analytics\":true,\"essential\":true}", row.get("decisions"));
    }

    @Test
    void serverAssignsVisitorIdAndDerivesRefusedAndPartial() {
        given().contentType(ContentType.JSON)
                .body("{\"configVersion\":1,\"decisions\":{\"essential\":true,\"analytics\":false},\"method\":\"reject-all\"}")
                .when().post(CONSENTS, SITE)
                .then().statusCode(201).body("action", equalTo("refused"))
                .body("visitorId", matchesPattern("[0-9a-f-]{36}"))
                .body("language", equalTo("de"));
        given().contentType(ContentType.JSON)
                .body("{\"configVersion\":1,\"decisions\":{\"essential\":true,\"analytics\":true,\"marketing\":false},\"method\":\"save-settings\"}")
                .when().post(CONSENTS, "immmr")
                .then().statusCode(201).body("action", equalTo("partial"))
                .body("decisions.surveys", equalTo(false));
    }

    @Test
    void idempotencyKeyReturnsTheFirstAnswerAndStoresNothingNew() {
        String visitor = UUID.randomUUID().toString();
        String key = "key-" + UUID.randomUUID();
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body(visitor, "accept-all", true)).when().post(CONSENTS, SITE)
                .then().statusCode(201).extract().path("consentId");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body(visitor, "accept-all", true)).when().post(CONSENTS, SITE)
                .then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("consentId", equalTo(first));
        assertEquals(1, countVisitorEvents(visitor));
    }

    @Test
    void concurrentRetriesWithOneKeyStoreOneEvent() throws Exception {
        String visitor = UUID.randomUUID().toString();
        String key = "race-" + UUID.randomUUID();
        List<String> ids = Stream.generate(() -> 0).limit(8).parallel()
                .map(i -> given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                        .body(body(visitor, "accept-all", true)).when().post(CONSENTS, SITE)
                        .then().statusCode(201).extract().<String>path("consentId"))
                .distinct().toList();
        assertEquals(1, ids.size(), "every retry answers the same consent id");
        assertEquals(1, countVisitorEvents(visitor));
    }

    @Test
    void gpcHeaderMustBeExactlyOne() {
        given().contentType(ContentType.JSON).header("Sec-GPC", "1")
                .body(body(UUID.randomUUID().toString(), "gpc", false)).when().post(CONSENTS, SITE)
                .then().statusCode(201).body("gpc", equalTo(true));
        given().contentType(ContentType.JSON).header("Sec-GPC", "true")
                .body(body(UUID.randomUUID().toString(), "reject-all", false)).when().post(CONSENTS, SITE)
                .then().statusCode(201).body("gpc", equalTo(false));
    }

    @Test
    void withdrawalIsANewEventAndIdempotent() {
        String visitor = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(body(visitor, "accept-all", true)).when().post(CONSENTS, SITE)
                .then().statusCode(201);
        String withdrawal = given().when().post("/api/v1/sites/{site}/visitors/{v}/withdrawal", SITE, visitor)
                .then().statusCode(201).body("action", equalTo("withdrawn")).body("method", equalTo("withdraw"))
                .body("decisions.analytics", equalTo(false)).body("decisions.essential", equalTo(true))
                .extract().path("consentId");
        given().contentType(ContentType.JSON).body("{\"categories\":[\"analytics\"]}")
                .when().post("/api/v1/sites/{site}/visitors/{v}/withdrawal", SITE, visitor)
                .then().statusCode(200).header("Idempotent-Replayed", "true").body("consentId", equalTo(withdrawal));
        given().when().get("/api/v1/sites/{site}/visitors/{v}/consent", SITE, visitor)
                .then().statusCode(200).body("current.action", equalTo("withdrawn"))
                .body("history.action", equalTo(List.of("withdrawn", "given")));
        assertEquals(2, countVisitorEvents(visitor));
    }

    @Test
    void withdrawalPerCategoryKeepsTheOthers() {
        String visitor = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON)
                .body("{\"visitorId\":\"" + visitor + "\",\"configVersion\":1,\"decisions\":{\"essential\":true,\"analytics\":true,\"marketing\":true,\"surveys\":true},\"method\":\"accept-all\"}")
                .when().post(CONSENTS, "immmr").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"categories\":[\"marketing\"]}")
                .when().post("/api/v1/sites/{site}/visitors/{v}/withdrawal", "immmr", visitor)
                .then().statusCode(201).body("decisions.marketing", equalTo(false))
                .body("decisions.analytics", equalTo(true)).body("decisions.surveys", equalTo(true));
        given().contentType(ContentType.JSON).body("{\"categories\":[\"essential\"]}")
                .when().post("/api/v1/sites/{site}/visitors/{v}/withdrawal", "immmr", visitor)
                .then().statusCode(422).body("errors.field", hasItem("categories[0]"));
    }

    @Test
    void visitorWithoutEventsIs404AndBadVisitorIdIs422() {
        given().when().get("/api/v1/sites/{site}/visitors/{v}/consent", SITE, UUID.randomUUID().toString())
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/api/v1/sites/{site}/visitors/{v}/consent", SITE, "not-a-uuid")
                .then().statusCode(422).body("errors.field", hasItem("visitorId"));
        given().when().post("/api/v1/sites/{site}/visitors/{v}/withdrawal", SITE, UUID.randomUUID().toString())
                .then().statusCode(404);
    }

    record BadRequest(String name, String contentType, String body, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadRequest> badRequests() {
        String v = "\"visitorId\":\"" + UUID.randomUUID() + "\",";
        return Stream.of(
                new BadRequest("malformed JSON", "application/json", "{\"configVersion\":1,", 400, null),
                new BadRequest("not an object", "application/json", "[1,2,3]", 400, null),
                new BadRequest("wrong type of configVersion", "application/json",
                        "{" + v + "\"configVersion\":\"one\",\"decisions\":{\"essential\":true},\"method\":\"api\"}", 400, null),
                new BadRequest("wrong type of decision", "application/json",
                        "{" + v + "\"configVersion\":1,\"decisions\":{\"essential\":\"yes\"},\"method\":\"api\"}", 400, null),
                new BadRequest("unknown category", "application/json",
                        "{" + v + "\"configVersion\":1,\"decisions\":{\"essential\":true,\"ads\":true},\"method\":\"api\"}", 422, "decisions.ads"),
                new BadRequest("unknown config version", "application/json",
                        "{" + v + "\"configVersion\":99,\"decisions\":{\"essential\":true},\"method\":\"api\"}", 422, "configVersion"),
                new BadRequest("essential refused", "application/json",
                        "{" + v + "\"configVersion\":1,\"decisions\":{\"essential\":false,\"analytics\":false},\"method\":\"reject-all\"}", 422, "decisions.essential"),
                new BadRequest("invalid visitor id", "application/json",
                        "{\"visitorId\":\"1234\",\"configVersion\":1,\"decisions\":{\"essential\":true},\"method\":\"api\"}", 422, "visitorId"),
                new BadRequest("unknown method", "application/json",
                        "{" + v + "\"configVersion\":1,\"decisions\":{\"essential\":true},\"method\":\"scroll\"}", 422, "method"),
                new BadRequest("unknown language", "application/json",
                        "{" + v + "\"configVersion\":1,\"decisions\":{\"essential\":true},\"method\":\"api\",\"language\":\"fr\"}", 422, "language"),
                new BadRequest("unknown field", "application/json",
                        "{" + v + "\"configVersion\":1,\"decisions\":{\"essential\":true},\"method\":\"api\",\"ip\":\"1.2.3.4\"}", 422, "ip"),
                new BadRequest("10,000 character page URL", "application/json",
                        "{" + v + "\"configVersion\":1,\"decisions\":{\"essential\":true},\"method\":\"api\",\"pageUrl\":\"https://x.ai/"
                                + "a".repeat(10_000) + "\"}", 422, "pageUrl"),
                new BadRequest("10,000 character banner hash", "application/json",
                        "{" + v + "\"configVersion\":1,\"decisions\":{\"essential\":true},\"method\":\"api\",\"bannerHash\":\""
                                + "a".repeat(10_000) + "\"}", 422, "bannerHash"),
                new BadRequest("10,000 character category", "application/json",
                        "{" + v + "\"configVersion\":1,\"decisions\":{\"essential\":true,\"" + "c".repeat(10_000) + "\":true},\"method\":\"api\"}", 422, null),
                new BadRequest("body over 16 KB", "application/json",
                        "{" + v + "\"configVersion\":1,\"decisions\":{\"essential\":true},\"method\":\"api\",\"pageUrl\":\"https://x.ai/"
                                + "a".repeat(17_000) + "\"}", 413, null),
                new BadRequest("wrong content type", "text/plain",
                        "{" + v + "\"configVersion\":1,\"decisions\":{\"essential\":true},\"method\":\"api\"}", 415, null),
                new BadRequest("empty body", "application/json", "", 400, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputIsAProblemAndStoresNothing(BadRequest bad) {
        long before = countAll();
        var response = given().contentType(bad.contentType()).body(bad.body())
                .when().post(CONSENTS, SITE)
                .then().statusCode(bad.status())
                .contentType("application/problem+json")
                .body("status", equalTo(bad.status()))
                .body("type", containsString("/problems/"))
                .body("detail", org.hamcrest.Matchers.notNullValue())
                .body(not500Leak());
        if (bad.field() != null) {
            response.body("errors.field", hasItem(bad.field()));
        }
        assertEquals(before, countAll(), "nothing stored for " + bad.name());
    }

    @Test
    void unknownSiteIs404AndStoresNothing() {
        long before = countAll();
        given().contentType(ContentType.JSON).body(body(UUID.randomUUID().toString(), "api", true))
                .when().post(CONSENTS, "no-such-site")
                .then().statusCode(404).contentType("application/problem+json");
        assertEquals(before, countAll());
    }

    @Test
    void disallowedOriginIs403AndStoresNothing() {
        long before = countAll();
        given().contentType(ContentType.JSON).header("Origin", "https://evil.example")
                .body(body(UUID.randomUUID().toString(), "accept-all", true))
                .when().post(CONSENTS, SITE)
                .then().statusCode(403).contentType("application/problem+json");
        assertEquals(before, countAll());
        given().contentType(ContentType.JSON).header("Origin", "https://kommunikationstrainer.ai")
                .body(body(UUID.randomUUID().toString(), "accept-all", true))
                .when().post(CONSENTS, SITE)
                .then().statusCode(201).header("Access-Control-Allow-Origin", "https://kommunikationstrainer.ai");
    }

    @Test
    void badIdempotencyKeyIsRejected() {
        given().contentType(ContentType.JSON).header("Idempotency-Key", "x".repeat(200))
                .body(body(UUID.randomUUID().toString(), "api", true)).when().post(CONSENTS, SITE)
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void receiptLocationPointsAtTheConsent() {
        String location = given().contentType(ContentType.JSON).body(body(UUID.randomUUID().toString(), "api", true))
                .when().post(CONSENTS, SITE).then().statusCode(201).extract().header("Location");
        String consentId = location.substring(location.lastIndexOf('/') + 1);
        assertNotEquals("", consentId);
        org.hamcrest.MatcherAssert.assertThat(location, endsWith("/api/v1/receipts/" + consentId));
    }

    static org.hamcrest.Matcher<String> not500Leak() {
        return org.hamcrest.Matchers.not(org.hamcrest.Matchers.anyOf(containsString("Exception"), containsString("at org.")));
    }

    long countAll() {
        return count("SELECT COUNT(*) FROM consent_event", null);
    }

    long countVisitorEvents(String visitor) {
        return count("SELECT COUNT(*) FROM consent_event WHERE visitor_id = ?", visitor);
    }

    long count(String sql, String param) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> row(String consentId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT ip_truncated, user_agent, page_url, decisions FROM consent_event WHERE consent_id = ?")) {
            ps.setString(1, consentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Map.of("ip_truncated", rs.getString(1), "user_agent", rs.getString(2),
                        "page_url", rs.getString(3), "decisions", rs.getString(4));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
