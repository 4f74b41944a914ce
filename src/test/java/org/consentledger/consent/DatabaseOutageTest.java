package org.consentledger.consent;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.consentledger.platform.DatabaseTestResource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stops the real (embedded) MariaDB under a running service: requests get 503 with Retry-After,
 * never 500; a full ingest queue pushes back with 503; when the database returns the service works
 * again without a restart.
 */
@QuarkusTest
class DatabaseOutageTest {

    /** Health answers on the management port (#14). */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/health/ready", management = true)
    java.net.URL readiness;

    static String body() {
        return "{\"visitorId\":\"" + UUID.randomUUID() + "\",\"configVersion\":1,"
                + "\"decisions\":{\"essential\":true,\"analytics\":false},\"method\":\"reject-all\"}";
    }

    static String postDetail() {
        var response = given().contentType(ContentType.JSON).body(body())
                .when().post("/api/v1/sites/kibox/consents").then().extract();
        return response.statusCode() + " " + response.header("Retry-After") + " " + response.body().asString();
    }

    static int post() {
        return given().contentType(ContentType.JSON).body(body())
                .when().post("/api/v1/sites/kibox/consents").then().extract().statusCode();
    }

    @Test
    void outageGives503AndTheServiceRecoversByItself() throws Exception {
        Assumptions.assumeTrue(DatabaseTestResource.embedded(), "needs the embedded database it can stop");
        given().contentType(ContentType.JSON).body(body()).when().post("/api/v1/sites/kibox/consents")
                .then().statusCode(201);
        given().when().get("/api/v1/sites/kibox/banner").then().statusCode(200);

        DatabaseTestResource.stopDatabase();
        try {
            given().contentType(ContentType.JSON).body(body()).when().post("/api/v1/sites/kibox/consents")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", notNullValue()).body("status", equalTo(503))
                    // a lost commit acknowledgement can mean "stored": clients must retry with the same key (#14)
                    .body("detail", org.hamcrest.Matchers.containsString("retry with the same Idempotency-Key"));
            given().when().get("/api/v1/sites/{site}/visitors/{v}/consent", "kibox", UUID.randomUUID().toString())
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue());
            given().when().get(readiness).then().statusCode(503);
            // visitors keep getting the last known banner while the database is down
            given().when().get("/api/v1/sites/kibox/banner").then().statusCode(200);

            // the writers are stuck waiting for connections: the (test-sized) queue fills and pushes back
            ExecutorService pool = Executors.newFixedThreadPool(160);
            try {
                List<Future<String>> burst = new ArrayList<>();
                for (int i = 0; i < 160; i++) {
                    burst.add(pool.submit(DatabaseOutageTest::postDetail));
                }
                List<String> answers = new ArrayList<>();
                for (Future<String> f : burst) {
                    answers.add(f.get());
                }
                Map<String, Long> byAnswer = answers.stream().collect(Collectors.groupingBy(a -> a, Collectors.counting()));
                assertTrue(answers.stream().allMatch(a -> a.startsWith("503 5 ") || a.startsWith("503 1 ")),
                        "all 503 with Retry-After while down, never 500: " + byAnswer.keySet());
                assertTrue(answers.stream().anyMatch(a -> a.contains("Too many consent requests")),
                        "a full queue pushes back instead of growing: " + byAnswer.keySet());
            } finally {
                pool.shutdown();
            }
        } finally {
            DatabaseTestResource.startDatabase();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> post() == 201);
        given().when().get(readiness).then().statusCode(200);
    }
}
