package org.consentledger.platform.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every environment variable the manifests give the service sets a real, runtime configuration key. */
class EnvironmentKeysTest {

    static List<ConfigKeys.Key> keys;

    @BeforeAll
    static void loadKeys() {
        keys = ConfigKeys.all();
    }

    /** Names of the environment variables of the service container: env entries and the keys of envFrom ConfigMaps. */
    static Set<String> serviceEnvironment(List<ObjectNode> objects) {
        JsonNode container = Manifests.appContainer(objects);
        Set<String> names = new LinkedHashSet<>();
        container.path("env").forEach(e -> names.add(e.path("name").asText()));
        for (JsonNode from : container.path("envFrom")) {
            assertFalse(from.has("secretRef"), "envFrom secretRef hides which keys are set; use env with secretKeyRef");
            assertTrue(from.path("prefix").isMissingNode(), "envFrom prefix is not supported by this check");
            ObjectNode configMap = Manifests.get(objects, "ConfigMap", from.path("configMapRef").path("name").asText());
            configMap.path("data").fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    @Test
    void theKeySetIsDerivedFromTheApplication() {
        assertTrue(lookupKey("QUARKUS_DATASOURCE_JDBC_URL").isPresent(), "Quarkus datasource keys from the config model");
        assertTrue(lookupKey("QUARKUS_DATASOURCE_JDBC_ADDITIONAL_JDBC_PROPERTIES_SOCKETTIMEOUT").isPresent(), "map keys");
        assertTrue(lookupKey("CONSENT_EMBEDDED_DB_PORT").isPresent(), "the application's @ConfigMapping keys");
        assertFalse(lookupKey("QUARKUS_DATASOURCE_JDBC_URLL").isPresent(), "a misspelt key is unknown");
        assertFalse(lookupKey("CONSENT_LEDGER_SIGNING_KEY_TYPO").isPresent(), "an invented key is unknown");
        assertEquals("BUILD_AND_RUN_TIME_FIXED", lookupKey("QUARKUS_DATASOURCE_DB_KIND").orElseThrow().phase,
                "phases come from the model");
    }

    @Test
    void everyVariableSetsARealRuntimeKey() {
        Set<String> imageVariables = ConfigKeys.imageEnvironment().keySet();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String overlay : List.of("base", "overlays/dev", "overlays/production")) {
            for (String env : serviceEnvironment(Kustomize.render(Manifests.K8S.resolve(overlay)))) {
                checked++;
                if (imageVariables.contains(env)) {
                    continue;
                }
                Optional<ConfigKeys.Key> key = lookupKey(env);
                if (key.isEmpty()) {
                    problems.add(overlay + ": " + env + " is no configuration key of the application");
                } else if (!key.get().runtime()) {
                    problems.add(overlay + ": " + env + " sets " + key.get() + ", fixed at build time: it cannot be changed in a deployment");
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(checked >= 15, "only " + checked + " variables were checked");
    }

    @Test
    void theServiceIsGivenAnExternalDatabase() {
        for (String overlay : List.of("base", "overlays/dev", "overlays/production")) {
            Set<String> env = serviceEnvironment(Kustomize.render(Manifests.K8S.resolve(overlay)));
            assertTrue(env.containsAll(Set.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")),
                    overlay + ": without a JDBC URL the service would start an embedded MariaDB in every pod");
        }
    }

    static Optional<ConfigKeys.Key> lookupKey(String env) {
        return ConfigKeys.lookup(keys, env);
    }
}
