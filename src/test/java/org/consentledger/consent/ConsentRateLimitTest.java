package org.consentledger.consent;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.consentledger.operator.RateLimiter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class ConsentRateLimitTest {

    @Inject
    RateLimiter rateLimiter;

    @AfterEach
    void refill() {
        rateLimiter.reset();
    }

    @Test
    void consentEndpointAnswers429WithRetryAfterWhenTheTruncatedIpIsOverItsLimit() {
        while (rateLimiter.tryAcquire(RateLimiter.Scope.CONSENT, "127.0.0.0") == 0) {
            // drain the bucket of the test client's /24
        }
        given().contentType(ContentType.JSON)
                .body("{\"visitorId\":\"" + UUID.randomUUID() + "\",\"configVersion\":1,\"decisions\":{\"essential\":true},\"method\":\"api\"}")
                .when().post("/api/v1/sites/kibox/consents")
                .then().statusCode(429).contentType("application/problem+json").header("Retry-After", notNullValue());
        given().when().post("/api/v1/sites/kibox/visitors/{v}/withdrawal", UUID.randomUUID().toString())
                .then().statusCode(429);
    }
}
