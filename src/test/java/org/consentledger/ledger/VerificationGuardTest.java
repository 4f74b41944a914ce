package org.consentledger.ledger;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.consentledger.operator.TestTokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Issue #14 item 6: one ledger verification per site at a time; a second one gets 409 with the running one's progress. */
@QuarkusTest
class VerificationGuardTest {

    static final String SITE = "kibox";

    @Inject
    VerificationService verifier;

    @Test
    void aSecondVerificationOfTheSameSiteIsRefusedWithProgress() {
        VerificationService.Running running = verifier.start(SITE);
        try {
            running.total.set(1000);
            running.done.set(250);
            given().auth().oauth2(TestTokens.admin()).get("/api/v1/admin/sites/" + SITE + "/ledger/verify")
                    .then().statusCode(409).contentType(containsString("problem+json"))
                    .body("detail", containsString("250 of 1000 leaves verified"));
            // another site is not blocked
            given().auth().oauth2(TestTokens.admin()).get("/api/v1/admin/sites/immmr/ledger/verify")
                    .then().statusCode(200).body("status", equalTo("OK"));
        } finally {
            verifier.finish(SITE, running);
        }
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/admin/sites/" + SITE + "/ledger/verify")
                .then().statusCode(200).body("status", equalTo("OK"));
    }
}
