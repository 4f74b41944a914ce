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
 * The paths the manifests probe and scrape are served by the running application (the port is checked
 * against the production configuration in {@link ContainerImageTest}).
 */
@QuarkusTest
class ProbeEndpointsTest {

    @Test
    void everyProbePathAnswersUpOnTheRunningService() {
        int checked = 0;
        for (String overlay : Manifests.OVERLAYS) {
            JsonNode container = Manifests.appContainer(Kustomize.render(Manifests.K8S.resolve(overlay)));
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                String path = container.path(probe).path("httpGet").path("path").asText();
                given().when().get(path).then().statusCode(200).body("status", equalTo("UP"));
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
            given().when().get(path).then().statusCode(200).body(containsString("# TYPE jvm_"));
        }
    }
}
