package org.consentledger.site;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.consentledger.operator.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** Issue #14 item 7: with consent.demo.enabled=false (any production install) there are no /demo pages, not even of real sites. */
@QuarkusTest
@TestProfile(DemoDisabledTest.Profile.class)
class DemoDisabledTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("consent.demo.enabled", "false");
        }
    }

    @Test
    void demoPagesAnswer404WhenDemoIsOff() {
        String site = "demo-off-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestTokens.admin()).contentType("application/json")
                .body("{\"siteKey\":\"" + site + "\",\"name\":\"Real Site\",\"allowedOrigins\":[\"https://real.example\"]}")
                .post("/api/v1/admin/sites").then().statusCode(201);
        given().get("/demo/" + site).then().statusCode(404).contentType(containsString("problem+json"));
    }
}
