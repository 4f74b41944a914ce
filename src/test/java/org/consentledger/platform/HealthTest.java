package org.consentledger.platform;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Health, metrics and OpenAPI answer on the management port only (#14): the public port (the one a proxy or the
 * Ingress forwards) has nothing under /q/, and Swagger UI is off unless switched on.
 */
@QuarkusTest
class HealthTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    private String managementUrl(String path) {
        return management.toString().replaceAll("/+$", "") + path;
    }

    @Test
    void readinessChecksTheDatabase() {
        given().when().get(managementUrl("/health/ready"))
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
    }

    @Test
    void livenessAndStartupAreUp() {
        given().when().get(managementUrl("/health/live")).then().statusCode(200).body("status", equalTo("UP"));
        given().when().get(managementUrl("/health/started")).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsAndOpenApiAreOnTheManagementPort() {
        given().when().get(managementUrl("/metrics")).then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
        given().when().get(managementUrl("/openapi")).then().statusCode(200)
                .body(containsString("Consent Ledger API"));
    }

    @Test
    void nothingUnderQIsServedOnThePublicPort() {
        for (String path : new String[] { "/q/health", "/q/health/ready", "/q/health/live", "/q/health/started",
                "/q/metrics", "/q/openapi", "/q/swagger-ui", "/q/swagger-ui/", "/q/dev-ui", "/q/info" }) {
            int status = given().redirects().follow(false).when().get(path).then().extract().statusCode();
            org.junit.jupiter.api.Assertions.assertEquals(404, status, path + " on the public port");
        }
    }

    @Test
    void swaggerUiIsOffUnlessEnabled() {
        given().redirects().follow(false).when().get(managementUrl("/swagger-ui/")).then().statusCode(404);
        given().redirects().follow(false).when().get(managementUrl("/swagger-ui")).then().statusCode(404);
    }
}
