package org.consentledger.platform.k8s;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file under k8s/ parses, every object names itself, and every built-in object matches the
 * Kubernetes API schema (fabric8's model, with unknown fields rejected instead of collected, so a
 * misspelt {@code readinesProbe} fails here rather than being dropped by the API server).
 */
class ManifestSyntaxTest {

    /** Built-in kinds by apiVersion/kind and their API model classes. */
    static final Map<String, Class<?>> BUILT_IN = Map.of(
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "v1/Service", Service.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", Ingress.class);

    /** Custom resources the manifests may use (their operators must be installed; docs/DEPLOY.md). */
    static final Set<String> CUSTOM = Set.of(
            "monitoring.coreos.com/v1/ServiceMonitor",
            "k8s.mariadb.com/v1alpha1/MariaDB",
            "k8s.mariadb.com/v1alpha1/Database",
            "k8s.mariadb.com/v1alpha1/User",
            "k8s.mariadb.com/v1alpha1/Grant",
            "k8s.mariadb.com/v1alpha1/Backup",
            "k8s.mariadb.com/v1alpha1/Restore",
            "kustomize.config.k8s.io/v1beta1/Kustomization");

    static final ObjectMapper STRICT = strictMapper();

    static ObjectMapper strictMapper() {
        SimpleModule module = new SimpleModule("reject-unknown-fields");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                                                         BeanDeserializerBuilder builder) {
                // fabric8 collects unknown fields in additionalProperties; without the any-setter they fail
                builder.setAnySetter(null);
                return builder;
            }
        });
        return new ObjectMapper()
                .registerModule(module)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    static String type(JsonNode obj) {
        return obj.path("apiVersion").asText() + "/" + obj.path("kind").asText();
    }

    /** Null if the object matches the schema of its kind, else the reason. */
    static String schemaProblem(ObjectNode obj) {
        Class<?> model = BUILT_IN.get(type(obj));
        if (model == null) {
            return CUSTOM.contains(type(obj)) ? null : "unknown kind " + type(obj) + " (add it to the model map)";
        }
        try {
            STRICT.treeToValue(obj, model);
            return null;
        } catch (Exception e) {
            return e.getMessage().lines().findFirst().orElse(e.toString());
        }
    }

    @Test
    void everyFileParsesAndEveryObjectIsNamed() {
        List<Path> files = Manifests.allYamlFiles();
        assertTrue(files.size() >= 15, "expected the base, two overlays and examples, found " + files);
        for (Path file : files) {
            List<ObjectNode> docs = Manifests.read(file);
            assertFalse(docs.isEmpty(), file + " is empty");
            for (ObjectNode doc : docs) {
                assertFalse(doc.path("apiVersion").asText().isEmpty(), file + ": a document without apiVersion");
                assertFalse(doc.path("kind").asText().isEmpty(), file + ": a document without kind");
                if (!"Kustomization".equals(Manifests.kind(doc))) {
                    assertFalse(Manifests.name(doc).isEmpty(), file + ": a " + Manifests.kind(doc) + " without metadata.name");
                }
            }
        }
    }

    @Test
    void everyRenderedObjectMatchesTheKubernetesSchema() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String dir : List.of("base", "overlays/dev", "overlays/production")) {
            for (ObjectNode obj : Kustomize.render(Manifests.K8S.resolve(dir))) {
                String problem = schemaProblem(obj);
                if (problem != null) {
                    problems.add(dir + ": " + Manifests.id(obj) + ": " + problem);
                }
                if (BUILT_IN.containsKey(type(obj))) {
                    checked++;
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(checked >= 20, "only " + checked + " built-in objects were schema-checked");
    }

    @Test
    void theSchemaCheckCatchesAMisspeltField() throws Exception {
        ObjectNode deployment = Manifests.get(Kustomize.render(Manifests.K8S.resolve("base")), "Deployment", "consent-ledger");
        assertEquals(null, schemaProblem(deployment));
        ObjectNode container = (ObjectNode) Manifests.podSpec(deployment).path("containers").get(0);
        container.set("readinesProbe", container.remove("readinessProbe"));
        String problem = schemaProblem(deployment);
        assertTrue(problem != null && problem.contains("readinesProbe"), String.valueOf(problem));
        ObjectNode hpa = (ObjectNode) Manifests.YAML.readTree("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\n"
                + "metadata: {name: x}\nspec: {minReplica: 2, maxReplicas: 3, scaleTargetRef: {kind: Deployment, name: x}}\n");
        assertThrows(AssertionError.class, () -> {
            String p = schemaProblem(hpa);
            assertEquals(null, p);
        });
    }
}
