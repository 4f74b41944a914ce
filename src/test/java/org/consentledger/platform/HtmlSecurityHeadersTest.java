package org.consentledger.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue #14 item 7: every HTML page of the service, also receipts, demo, cookie policy and error pages, is locked down. */
@QuarkusTest
class HtmlSecurityHeadersTest {

    static final String SITE = "kommunikationstrainer";

    static void assertLockedDown(Response r, String what) {
        assertTrue(r.contentType().startsWith("text/html"), what + ": " + r.contentType());
        String csp = r.header("Content-Security-Policy");
        assertNotNull(csp, what + " has no CSP");
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), what + ": " + csp);
        assertTrue(csp.contains("frame-ancestors"), what + ": " + csp);
        assertTrue(csp.contains("script-src 'self'") || csp.contains("default-src 'none'") && !csp.contains("script-src"),
                what + ": " + csp);
        assertEquals("nosniff", r.header("X-Content-Type-Options"), what);
        assertNotNull(r.header("Referrer-Policy"), what);
        assertNotNull(r.header("Cache-Control"), what);
        assertFalse(r.asString().contains("<style>") || r.asString().contains("style=\""), what + " has inline styles");
    }

    @Test
    void receiptDemoCookiePolicyConsoleAndErrorPagesCarryTheHeaders() {
        String consent = given().contentType("application/json")
                .body("{\"visitorId\":\"" + UUID.randomUUID() + "\",\"configVersion\":1,\"decisions\":{\"essential\":true,"
                        + "\"analytics\":false},\"method\":\"reject-all\",\"language\":\"de\"}")
                .post("/api/v1/sites/" + SITE + "/consents").then().statusCode(201).extract().path("consentId");
        assertLockedDown(given().accept("text/html").get("/api/v1/receipts/" + consent), "receipt");
        assertLockedDown(given().get("/demo/" + SITE), "demo page");
        Response policy = given().accept("text/html").get("/sites/" + SITE + "/cookie-policy?lang=de");
        assertLockedDown(policy, "cookie policy");
        // embeddable, but only by the site's own allowed origins
        String policyCsp = policy.header("Content-Security-Policy");
        assertTrue(policyCsp.contains("frame-ancestors ") && policyCsp.contains("http://localhost:*")
                && !policyCsp.contains("frame-ancestors 'none'") && !policyCsp.contains("frame-ancestors *"), policyCsp);
        assertLockedDown(given().get("/console/login"), "console login");
        Response missing = given().accept("text/html").get("/no-such-page-" + UUID.randomUUID());
        assertEquals(404, missing.statusCode());
        if (missing.contentType().startsWith("text/html")) {
            assertLockedDown(missing, "404 page");
        }
        assertEquals("nosniff", missing.header("X-Content-Type-Options"), "every response: nosniff");
        assertEquals("nosniff", given().get("/api/v1/sites/" + SITE + "/banner?lang=de").header("X-Content-Type-Options"));
    }
}
