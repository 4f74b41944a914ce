package org.consentledger.operator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue #14 items 2-4: revocable short tokens, canonical user names, fair login limits, password rules, JWT checks. */
@QuarkusTest
class TokenHardeningTest {

    @Inject
    RateLimiter rateLimiter;

    @BeforeEach
    void reset() {
        rateLimiter.reset();
    }

    private static String newAccount(String password) {
        String user = "th-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("username", user, "password", password, "roles", List.of("admin"), "sites", List.of()))
                .post("/api/v1/admin/users").then().statusCode(201);
        return user;
    }

    private static io.restassured.response.Response login(String user, String password, String clientIp) {
        return given().header("X-Forwarded-For", clientIp).contentType(ContentType.JSON)
                .body(Map.of("username", user, "password", password)).post("/api/v1/auth/token");
    }

    @Test
    void tokensLiveAtMostFifteenMinutesAndNameTheAudience() {
        String user = newAccount("fifteen-minutes-1");
        login(user, "fifteen-minutes-1", "192.0.2.10").then().statusCode(200)
                .body("expires_in", lessThanOrEqualTo(900));
    }

    @Test
    void userNamesAreCanonicalTrailingSpacesDoNotLogIn() {
        String user = newAccount("canonical-name-1");
        login(user + " ", "canonical-name-1", "192.0.2.11").then().statusCode(401);
        login(" " + user, "canonical-name-1", "192.0.2.11").then().statusCode(401);
        login(user.toUpperCase(), "canonical-name-1", "192.0.2.11").then().statusCode(401);
        login(user, "canonical-name-1", "192.0.2.11").then().statusCode(200);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("username", "spaced name ", "password", "canonical-name-1", "roles", List.of("admin")))
                .post("/api/v1/admin/users").then().statusCode(422).body("errors.field", hasItem("username"));
    }

    @Test
    void grantsMustNameExistingSites() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("username", "grant-" + UUID.randomUUID().toString().substring(0, 8), "password",
                        "grant-secret-pass-1", "roles", List.of("operator"), "sites", List.of("not-created-yet")))
                .post("/api/v1/admin/users").then().statusCode(422).body("errors.field", hasItem("sites"));
    }

    @Test
    void anOutsiderCannotLockTheRealUserOut() {
        String user = newAccount("real-user-password-1");
        int status = 0;
        for (int i = 0; i < 20 && status != 429; i++) {
            status = login(user, "guess-" + i + "-wrong", "203.0.113.5").statusCode();
        }
        assertEquals(429, status, "the attacker's client is limited");
        // the user, from another network, still signs in
        login(user, "real-user-password-1", "198.51.100.7").then().statusCode(200);
    }

    @Test
    void passwordLengthIsCountedInUtf8BytesAndCommonPasswordsAreRefused() {
        String user = "pw-" + UUID.randomUUID().toString().substring(0, 8);
        String umlauts36 = "ä".repeat(36); // 72 bytes: the most bcrypt uses
        for (String bad : List.of("ä".repeat(36) + "x", "ab".repeat(5) + "x", "Password2024!", "qwertyuiop123",
                "123456789012")) {
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("username", user, "password", bad, "roles", List.of("admin")))
                    .post("/api/v1/admin/users").then().statusCode(422).body("errors.field", hasItem("password"));
        }
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("username", user, "password", umlauts36, "roles", List.of("admin")))
                .post("/api/v1/admin/users").then().statusCode(201);
        login(user, umlauts36, "192.0.2.12").then().statusCode(200);
        // 73+ bytes never match (they would be cut to the first 72 by bcrypt)
        login(user, umlauts36 + "anything", "192.0.2.12").then().statusCode(401);
    }

    @Test
    void everyRoleChangesItsOwnPasswordAndEarlierTokensStopWorking() {
        String user = "self-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("username", user, "password", "old-secret-pass-1", "roles", List.of("auditor"),
                        "sites", List.of()))
                .post("/api/v1/admin/users").then().statusCode(422); // an auditor needs a site: use an existing one
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("siteKey", "th-site", "name", "TH", "allowedOrigins", List.of("https://th.example")))
                .post("/api/v1/admin/sites");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("username", user, "password", "old-secret-pass-1", "roles", List.of("auditor"),
                        "sites", List.of("th-site")))
                .post("/api/v1/admin/users").then().statusCode(201);
        String token = login(user, "old-secret-pass-1", "192.0.2.13").then().statusCode(200).extract().path("access_token");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "wrong-current-1", "newPassword", "new-secret-pass-2"))
                .post("/api/v1/auth/password").then().statusCode(422).body("errors.field", hasItem("currentPassword"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "old-secret-pass-1", "newPassword", "new-secret-pass-2"))
                .post("/api/v1/auth/password").then().statusCode(204);
        given().auth().oauth2(token).get("/api/v1/admin/sites").then().statusCode(401);
        login(user, "old-secret-pass-1", "192.0.2.13").then().statusCode(401);
        login(user, "new-secret-pass-2", "192.0.2.13").then().statusCode(200);
    }

    @Test
    void foreignAudienceLongLivedAndFutureTokensAreRefused() {
        long now = Instant.now().getEpochSecond();
        String otherAudience = Jwt.issuer(TestTokens.ISSUER).audience("another-service").upn("test-admin")
                .groups(Set.of(Roles.ADMIN)).claim(Roles.SITES_CLAIM, List.of()).expiresIn(300).sign();
        String tenYears = TestTokens.claims("test-admin", Set.of(Roles.ADMIN), List.of())
                .expiresAt(now + 10L * 365 * 24 * 3600).sign();
        String future = TestTokens.claims("test-admin", Set.of(Roles.ADMIN), List.of())
                .issuedAt(now + 3600).expiresAt(now + 3900).sign();
        for (String token : List.of(otherAudience, tenYears, future)) {
            given().auth().oauth2(token).get("/api/v1/admin/users").then().statusCode(401)
                    .contentType("application/problem+json").body("status", equalTo(401));
        }
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/admin/users").then().statusCode(200);
    }
}
