package org.consentledger.platform.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The paths the manifests probe and scrape are served by the running application on its management port, and not
 * on the public one (the port is checked against the production configuration in {@link ContainerImageTest}).
 */
@QuarkusTest
class ProbeEndpointsTest {

    /** The probes and the ServiceMonitor use the management port (#14); the public port has nothing under /q/. */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    private String onManagementPort(String path) {
        // the injected URL ends in the management root path (/q/); the manifests' paths start with /q/
        java.net.URI root = java.net.URI.create(management.toString());
        return root.getScheme() + "://" + root.getHost() + ":" + root.getPort() + path;
    }

    @Test
    void everyProbePathAnswersUpOnTheRunningService() {
        int checked = 0;
        for (String overlay : Manifests.OVERLAYS) {
            JsonNode container = Manifests.appContainer(Kustomize.render(Manifests.K8S.resolve(overlay)));
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                String path = container.path(probe).path("httpGet").path("path").asText();
                given().when().get(onManagementPort(path)).then().statusCode(200).body("status", equalTo("UP"));
                given().when().get(path).then().statusCode(404);
                checked++;
            }
        }
        assertEquals(6, checked);
    }

    @Test
    void theScrapedPathServesPrometheusMetrics() {
        for (String overlay : Manifests.OVERLAYS) {
            List<ObjectNode> objects = Kustomize.render(Manifests.K8S.resolve(overlay));
            String path = Manifests.get(objects, "ServiceMonitor", "consent-ledger").path("spec").path("endpoints").path(0).path("path").asText();
            given().when().get(onManagementPort(path)).then().statusCode(200).body(containsString("# TYPE jvm_"));
            given().when().get(path).then().statusCode(404);
        }
    }
}
