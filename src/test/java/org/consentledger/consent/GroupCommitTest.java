package org.consentledger.consent;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class GroupCommitTest {

    @Inject
    MeterRegistry registry;

    @Inject
    ConsentService consents;

    @Test
    void concurrentRequestsShareTransactionsAndAreAllStored() throws Exception {
        int requests = 400;
        double batchesBefore = registry.counter("consent.ingest.batches").count();
        List<String> visitors = IntStream.range(0, requests).mapToObj(i -> UUID.randomUUID().toString()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Callable<Integer>> calls = visitors.stream().<Callable<Integer>>map(v -> () -> given()
                    .contentType(ContentType.JSON)
                    .body("{\"visitorId\":\"" + v + "\",\"configVersion\":1,\"decisions\":{\"essential\":true,\"analytics\":true},\"method\":\"accept-all\"}")
                    .when().post("/api/v1/sites/kommunikationstrainer/consents")
                    .then().extract().statusCode()).toList();
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertEquals(201, status.get());
            }
        } finally {
            pool.shutdown();
        }
        double batches = registry.counter("consent.ingest.batches").count() - batchesBefore;
        assertTrue(batches < requests, "requests were grouped: " + batches + " commits for " + requests + " requests");
        for (String visitor : visitors) {
            assertEquals(1, consents.history("kommunikationstrainer", visitor).size(), "acknowledged consent is stored");
        }
    }
}
