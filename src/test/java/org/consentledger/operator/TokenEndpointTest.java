package org.consentledger.operator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class TokenEndpointTest {

    @Test
    void firstAdminFromConfigurationGetsATokenThatOpensTheAdminApi() {
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", "test-admin-password-1"))
                .when().post("/api/v1/auth/token")
                .then().statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", greaterThan(0))
                .body("access_token", notNullValue())
                .extract().path("access_token");

        given().auth().oauth2(token).when().get("/api/v1/admin/users")
                .then().statusCode(200).body("username", hasItem("admin"));
    }

    @Test
    void wrongPasswordIs401ProblemAndAudited() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", "wrong-password-123"))
                .when().post("/api/v1/auth/token")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));

        given().auth().oauth2(TestTokens.admin()).queryParam("action", "token.denied")
                .when().get("/api/v1/admin/audit")
                .then().statusCode(200).body("items.target", hasItem("admin"));
    }
}
