package org.consentledger.consent;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.consentledger.consent.ConsentApiTest.CONSENTS;
import static org.consentledger.consent.ConsentApiTest.SITE;
import static org.consentledger.consent.ConsentApiTest.body;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Idempotency-Key like the payment APIs: fingerprinted, scoped per site and endpoint, never another's answer. */
@QuarkusTest
class IdempotencyKeyTest {

    static final String WITHDRAWAL = "/api/v1/sites/{site}/visitors/{visitor}/withdrawal";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aKeyReusedForAnotherVisitorsConsentIs422AndNeverAnswersTheFirstConsent() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String key = "reuse-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body(first, "accept-all", true))
                .when().post(CONSENTS, SITE).then().statusCode(201);
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body(second, "reject-all", false))
                .when().post(CONSENTS, SITE)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://consentledger.org/problems/idempotency-key-reuse"))
                .body(not(containsString(first)));
        assertEquals(0, events(second), "nothing stored for the second visitor");
        // the same request again is still a replay of the first answer
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body(first, "accept-all", true))
                .when().post(CONSENTS, SITE).then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("visitorId", equalTo(first));
        assertEquals(1, events(first));
    }

    @Test
    void keysAreScopedPerEndpointAndPerSite() {
        String visitor = UUID.randomUUID().toString();
        String key = "scope-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body(visitor, "accept-all", true))
                .when().post(CONSENTS, SITE).then().statusCode(201);
        // the consent's key on the withdrawal endpoint is a new key there: the withdrawal is done, not replayed
        given().header("Idempotency-Key", key).when().post(WITHDRAWAL, SITE, visitor)
                .then().statusCode(201).header("Idempotent-Replayed", (String) null).body("action", equalTo("withdrawn"));
        assertEquals(2, events(visitor));
        // and on another site the same key records that site's consent
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"visitorId\":\"" + visitor + "\",\"configVersion\":1,"
                        + "\"decisions\":{\"essential\":true,\"analytics\":true},\"method\":\"accept-all\"}")
                .when().post(CONSENTS, "kibox").then().statusCode(201).header("Idempotent-Replayed", (String) null)
                .body("siteKey", equalTo("kibox"));
    }

    @Test
    void aWithdrawalReplayIsCheckedAgainstItsVisitorAndCategories() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        for (String visitor : new String[] {a, b}) {
            given().contentType(ContentType.JSON).body(body(visitor, "accept-all", true))
                    .when().post(CONSENTS, SITE).then().statusCode(201);
        }
        String key = "withdraw-" + UUID.randomUUID();
        String withdrawal = given().header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"categories\":[\"analytics\"]}").when().post(WITHDRAWAL, SITE, a)
                .then().statusCode(201).extract().path("consentId");
        // the same withdrawal again: the first answer
        given().header("Idempotency-Key", key).contentType(ContentType.JSON).body("{\"categories\":[\"analytics\"]}")
                .when().post(WITHDRAWAL, SITE, a)
                .then().statusCode(200).header("Idempotent-Replayed", "true").body("consentId", equalTo(withdrawal));
        // B's withdrawal with A's key: 422, A's record is not shown and B's state is unchanged
        given().header("Idempotency-Key", key).when().post(WITHDRAWAL, SITE, b)
                .then().statusCode(422).body("type", equalTo("https://consentledger.org/problems/idempotency-key-reuse"))
                .body(not(containsString(a)));
        // A again with other categories: also another request
        given().header("Idempotency-Key", key).when().post(WITHDRAWAL, SITE, a).then().statusCode(422);
        assertEquals(1, events(b));
        assertEquals(2, events(a));
    }

    @Test
    void emptyOrBlankKeysAreRefused() {
        String visitor = UUID.randomUUID().toString();
        for (String key : new String[] {"", "   "}) {
            given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body(visitor, "accept-all", true))
                    .when().post(CONSENTS, SITE).then().statusCode(400)
                    .body("type", equalTo("https://consentledger.org/problems/bad-idempotency-key"));
        }
        assertEquals(0, events(visitor));
    }

    private long events(String visitor) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM consent_event WHERE visitor_id = ?")) {
            s.setString(1, visitor);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
