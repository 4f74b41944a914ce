package org.consentledger.platform.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The manifests reference Secrets and never contain secret values. */
class NoSecretValuesTest {

    /** Names of settings that hold secrets; *_LOCATION names hold a file path and are fine. */
    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|PRIVATE|(^|_)KEY$|SIGNING_KEY|API_KEY).*");
    static final String PLACEHOLDER = "CHANGE-ME";

    static boolean secretName(String name) {
        return SECRET_NAME.matcher(name).matches() && !name.toUpperCase().endsWith("_LOCATION");
    }

    @Test
    void noManifestOutsideTheExamplesDefinesASecret() {
        for (Path file : Manifests.allYamlFiles()) {
            if (file.startsWith(Manifests.EXAMPLES)) {
                continue;
            }
            for (ObjectNode doc : Manifests.read(file)) {
                assertFalse("Secret".equals(Manifests.kind(doc)), file + " defines Secret " + Manifests.name(doc));
            }
        }
        for (String overlay : List.of("base", "overlays/dev", "overlays/production")) {
            for (ObjectNode o : Kustomize.render(Manifests.K8S.resolve(overlay))) {
                assertFalse("Secret".equals(Manifests.kind(o)), overlay + " renders Secret " + Manifests.name(o));
            }
        }
    }

    @Test
    void exampleSecretsAreMarkedAndHoldOnlyPlaceholders() {
        int secrets = 0;
        for (ObjectNode doc : Manifests.read(Manifests.EXAMPLES.resolve("secrets.example.yaml"))) {
            assertEquals("Secret", Manifests.kind(doc));
            assertEquals("true", doc.path("metadata").path("annotations").path("consent-ledger.org/example").asText(),
                    Manifests.name(doc) + " must be marked as an example");
            assertFalse(doc.has("data"), "examples use readable stringData placeholders");
            for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("stringData").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("username")) {
                    assertEquals(PLACEHOLDER, e.getValue().asText(), Manifests.name(doc) + "/" + e.getKey());
                }
            }
            secrets++;
        }
        assertTrue(secrets > 0);
    }

    @Test
    void noSecretLikeLiteralInEnvironmentOrConfigMaps() {
        List<String> problems = new ArrayList<>();
        for (String overlay : List.of("base", "overlays/dev", "overlays/production")) {
            for (ObjectNode o : Kustomize.render(Manifests.K8S.resolve(overlay))) {
                if ("ConfigMap".equals(Manifests.kind(o))) {
                    o.path("data").fields().forEachRemaining(e -> {
                        if (secretName(e.getKey())) {
                            problems.add(overlay + ": ConfigMap " + Manifests.name(o) + " holds " + e.getKey());
                        }
                        if (e.getValue().asText().toLowerCase().contains("password=")) {
                            problems.add(overlay + ": ConfigMap " + Manifests.name(o) + " embeds a password in " + e.getKey());
                        }
                    });
                }
                for (JsonNode container : containers(o)) {
                    for (JsonNode env : container.path("env")) {
                        String name = env.path("name").asText();
                        if (env.has("value") && secretName(name)) {
                            problems.add(overlay + ": " + Manifests.id(o) + " sets " + name + " literally; use valueFrom.secretKeyRef");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theCheckRecognisesSecretNames() {
        assertTrue(secretName("QUARKUS_DATASOURCE_PASSWORD"));
        assertTrue(secretName("MARIADB_ROOT_PASSWORD"));
        assertTrue(secretName("CONSENT_LEDGER_SIGNING_KEY"));
        assertTrue(secretName("SMALLRYE_JWT_SIGN_KEY"));
        assertFalse(secretName("SMALLRYE_JWT_SIGN_KEY_LOCATION"));
        assertFalse(secretName("QUARKUS_DATASOURCE_JDBC_URL"));
    }

    /** Every Secret the manifests reference is listed in the example file (with that key) and in docs/DEPLOY.md. */
    @Test
    void everyReferencedSecretIsDocumented() throws IOException {
        Map<String, Set<String>> examples = new HashMap<>();
        for (ObjectNode doc : Manifests.read(Manifests.EXAMPLES.resolve("secrets.example.yaml"))) {
            Set<String> keys = new HashSet<>();
            doc.path("stringData").fieldNames().forEachRemaining(keys::add);
            examples.put(Manifests.name(doc), keys);
        }
        String deployDoc = Files.readString(Manifests.ROOT.resolve("docs/DEPLOY.md"));
        Set<String> referenced = new HashSet<>();
        for (String overlay : List.of("overlays/dev", "overlays/production")) {
            for (ObjectNode o : Kustomize.render(Manifests.K8S.resolve(overlay))) {
                collectSecretRefs(o, referenced);
            }
        }
        assertTrue(referenced.size() >= 4, "secret references found: " + referenced);
        for (String ref : referenced) {
            String[] parts = ref.split("/", -1);
            assertTrue(examples.containsKey(parts[0]), ref + " is missing from k8s/examples/secrets.example.yaml");
            assertTrue(parts[1].isEmpty() || examples.get(parts[0]).contains(parts[1]), ref + ": key missing from the example");
            assertTrue(deployDoc.contains(parts[0]), parts[0] + " is not explained in docs/DEPLOY.md");
        }
    }

    /** secretKeyRef (core) and *SecretKeyRef (mariadb-operator) as name/key; secret volumes as name/; TLS secretName with the kubernetes.io/tls keys. */
    static void collectSecretRefs(JsonNode node, Set<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String field = e.getKey();
                JsonNode v = e.getValue();
                if ((field.equals("secretKeyRef") || field.endsWith("SecretKeyRef")) && v.has("name")) {
                    out.add(v.path("name").asText() + "/" + v.path("key").asText());
                } else if (field.equals("secret") && v.has("secretName")) {
                    // a Secret mounted as a volume: all its keys; the example must at least define it
                    out.add(v.path("secretName").asText() + "/");
                } else if (field.equals("tls") && v.isArray()) {
                    v.forEach(t -> {
                        if (t.has("secretName")) {
                            out.add(t.path("secretName").asText() + "/tls.crt");
                            out.add(t.path("secretName").asText() + "/tls.key");
                        }
                    });
                } else {
                    collectSecretRefs(v, out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collectSecretRefs(item, out));
        }
    }

    static List<JsonNode> containers(JsonNode obj) {
        List<JsonNode> result = new ArrayList<>();
        Manifests.podSpec(obj).path("containers").forEach(result::add);
        Manifests.podSpec(obj).path("initContainers").forEach(result::add);
        return result;
    }
}
