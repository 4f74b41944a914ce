package org.consentledger.platform.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** High availability, zero-downtime rollout and hardening of the rendered overlays. */
class DeploymentPolicyTest {

    static final List<ObjectNode> DEV = Kustomize.render(Manifests.K8S.resolve("overlays/dev"));
    static final List<ObjectNode> PRODUCTION = Kustomize.render(Manifests.K8S.resolve("overlays/production"));

    static Map<String, List<ObjectNode>> overlays() {
        return Map.of("dev", DEV, "production", PRODUCTION);
    }

    static Map<String, String> podLabels(List<ObjectNode> objects) {
        return labels(Manifests.get(objects, "Deployment", "consent-ledger").path("spec").path("template").path("metadata").path("labels"));
    }

    static Map<String, String> labels(JsonNode node) {
        Map<String, String> map = new java.util.HashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    static boolean selects(JsonNode matchLabels, Map<String, String> labels) {
        Map<String, String> wanted = labels(matchLabels);
        return !wanted.isEmpty() && labels.entrySet().containsAll(wanted.entrySet());
    }

    static Set<String> containerPortNames(JsonNode container) {
        Set<String> names = new HashSet<>();
        container.path("ports").forEach(p -> names.add(p.path("name").asText()));
        return names;
    }

    @Test
    void rollingUpdatesNeverDropBelowTheDesiredReplicas() {
        overlays().forEach((name, objects) -> {
            JsonNode strategy = Manifests.get(objects, "Deployment", "consent-ledger").path("spec").path("strategy");
            assertEquals("RollingUpdate", strategy.path("type").asText(), name);
            assertTrue(Set.of("0", "0%").contains(strategy.path("rollingUpdate").path("maxUnavailable").asText()), name + ": maxUnavailable");
            assertNotEquals("0", strategy.path("rollingUpdate").path("maxSurge").asText("1"), name + ": maxSurge 0 would block the rollout");
        });
    }

    @Test
    void everyProbeUsesTheHealthEndpointsOnTheManagementPort() {
        Map<String, String> expected = Map.of("startupProbe", "/q/health/started",
                "readinessProbe", "/q/health/ready", "livenessProbe", "/q/health/live");
        overlays().forEach((name, objects) -> {
            JsonNode container = Manifests.appContainer(objects);
            expected.forEach((probe, path) -> {
                JsonNode get = container.path(probe).path("httpGet");
                assertEquals(path, get.path("path").asText(), name + " " + probe);
                assertEquals("management", get.path("port").asText(), name + " " + probe + " port");
                assertTrue(containerPortNames(container).contains(get.path("port").asText()), name + " " + probe + " port");
            });
            assertTrue(container.path("startupProbe").path("failureThreshold").asInt() * container.path("startupProbe").path("periodSeconds").asInt() >= 120,
                    name + ": the startup probe must leave Flyway at least two minutes");
        });
    }

    @Test
    void containersHaveRequestsAndLimits() {
        overlays().forEach((name, objects) -> {
            for (ObjectNode workload : workloads(objects)) {
                for (JsonNode c : Manifests.podSpec(workload).path("containers")) {
                    JsonNode resources = c.path("resources");
                    for (String field : List.of("requests/cpu", "requests/memory", "limits/memory")) {
                        String[] parts = field.split("/");
                        assertFalse(resources.path(parts[0]).path(parts[1]).asText().isEmpty(),
                                name + ": " + Manifests.id(workload) + " container " + c.path("name").asText() + " lacks " + field);
                    }
                }
            }
            JsonNode app = Manifests.appContainer(objects).path("resources");
            assertFalse(app.path("limits").path("cpu").asText().isEmpty(), name + ": cpu limit of the service");
            assertEquals(app.path("requests").path("memory").asText(), app.path("limits").path("memory").asText(),
                    name + ": a JVM's memory request equals its limit (the heap is sized from the limit)");
        });
    }

    @Test
    void theServiceRunsNonRootOnAReadOnlyFilesystemWithWritableTmp() {
        overlays().forEach((name, objects) -> {
            JsonNode pod = Manifests.podSpec(Manifests.get(objects, "Deployment", "consent-ledger"));
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), name + ": runAsNonRoot");
            assertNotEquals(0, pod.path("securityContext").path("runAsUser").asInt(0), name + ": runAsUser");
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), name + ": no API token in the pod");
            JsonNode container = Manifests.appContainer(objects);
            JsonNode sc = container.path("securityContext");
            assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(), name + ": readOnlyRootFilesystem");
            assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), name + ": allowPrivilegeEscalation");
            assertEquals("ALL", sc.path("capabilities").path("drop").path(0).asText(), name + ": capabilities");
            String tmpVolume = null;
            for (JsonNode m : container.path("volumeMounts")) {
                if ("/tmp".equals(m.path("mountPath").asText())) {
                    tmpVolume = m.path("name").asText();
                }
            }
            assertTrue(tmpVolume != null, name + ": /tmp is not mounted");
            boolean emptyDir = false;
            for (JsonNode v : pod.path("volumes")) {
                emptyDir |= v.path("name").asText().equals(tmpVolume) && v.has("emptyDir");
            }
            assertTrue(emptyDir, name + ": /tmp must be an emptyDir");
        });
    }

    @Test
    void replicasSpreadAcrossZonesAndNodes() {
        overlays().forEach((name, objects) -> {
            JsonNode pod = Manifests.podSpec(Manifests.get(objects, "Deployment", "consent-ledger"));
            Set<String> keys = new HashSet<>();
            for (JsonNode c : pod.path("topologySpreadConstraints")) {
                assertTrue(selects(c.path("labelSelector").path("matchLabels"), podLabels(objects)), name + ": spread selector");
                keys.add(c.path("topologyKey").asText());
            }
            assertEquals(Set.of("topology.kubernetes.io/zone", "kubernetes.io/hostname"), keys, name);
        });
    }

    /**
     * The Ingress reaches only the public port (whose server has nothing under /q/, HealthTest); the ServiceMonitor
     * scrapes the management port through a Service of its own that no Ingress routes to (#14).
     */
    @Test
    void ingressReachesOnlyTheHttpPortAndTheServiceMonitorTheManagementPort() {
        overlays().forEach((name, objects) -> {
            Map<String, String> pods = podLabels(objects);
            JsonNode service = Manifests.get(objects, "Service", "consent-ledger");
            assertTrue(selects(service.path("spec").path("selector"), pods), name + ": Service selects the pods");
            Set<String> servicePorts = new HashSet<>();
            for (JsonNode p : service.path("spec").path("ports")) {
                assertEquals("http", p.path("targetPort").asText(), name + ": the Ingress's Service exposes only the HTTP port");
                servicePorts.add(p.path("name").asText());
            }
            JsonNode managementService = Manifests.get(objects, "Service", "consent-ledger-management");
            assertTrue(selects(managementService.path("spec").path("selector"), pods), name + ": management Service selects the pods");
            Set<String> managementPorts = new HashSet<>();
            for (JsonNode p : managementService.path("spec").path("ports")) {
                assertEquals("management", p.path("targetPort").asText(), name + ": management Service targets only the management port");
                managementPorts.add(p.path("name").asText());
            }
            for (ObjectNode anyIngress : Manifests.ofKind(objects, "Ingress")) {
                for (JsonNode rule : anyIngress.path("spec").path("rules")) {
                    for (JsonNode path : rule.path("http").path("paths")) {
                        assertEquals("consent-ledger", path.path("backend").path("service").path("name").asText(),
                                name + ": every Ingress path goes to the public Service, never to the management one");
                        assertFalse(path.path("path").asText().startsWith("/q"), name + ": no Ingress path under /q");
                    }
                }
            }
            JsonNode ingress = Manifests.get(objects, "Ingress", "consent-ledger").path("spec");
            Set<String> tlsHosts = new HashSet<>();
            ingress.path("tls").forEach(t -> {
                assertFalse(t.path("secretName").asText().isEmpty(), name + ": TLS secret");
                t.path("hosts").forEach(h -> tlsHosts.add(h.asText()));
            });
            assertFalse(ingress.path("rules").isEmpty(), name + ": ingress rules");
            for (JsonNode rule : ingress.path("rules")) {
                assertTrue(tlsHosts.contains(rule.path("host").asText()), name + ": host " + rule.path("host").asText() + " is served without TLS");
                for (JsonNode path : rule.path("http").path("paths")) {
                    JsonNode backend = path.path("backend").path("service");
                    assertEquals("consent-ledger", backend.path("name").asText(), name);
                    assertTrue(servicePorts.contains(backend.path("port").path("name").asText()), name + ": ingress backend port");
                }
            }
            JsonNode monitor = Manifests.get(objects, "ServiceMonitor", "consent-ledger").path("spec");
            assertTrue(selects(monitor.path("selector").path("matchLabels"), labels(managementService.path("metadata").path("labels"))),
                    name + ": ServiceMonitor selects the management Service");
            assertFalse(selects(monitor.path("selector").path("matchLabels"), labels(service.path("metadata").path("labels"))),
                    name + ": ServiceMonitor does not select the public Service");
            assertEquals("/q/metrics", monitor.path("endpoints").path(0).path("path").asText(), name);
            assertEquals("management", monitor.path("endpoints").path(0).path("port").asText(), name + ": ServiceMonitor port");
            assertTrue(managementPorts.contains(monitor.path("endpoints").path(0).path("port").asText()), name + ": ServiceMonitor port");
        });
    }

    @Test
    void autoscalerAndDisruptionBudgetFitTheReplicaCount() {
        overlays().forEach((name, objects) -> {
            int replicas = Manifests.get(objects, "Deployment", "consent-ledger").path("spec").path("replicas").asInt();
            JsonNode hpa = Manifests.get(objects, "HorizontalPodAutoscaler", "consent-ledger").path("spec");
            assertEquals("consent-ledger", hpa.path("scaleTargetRef").path("name").asText(), name);
            assertEquals("Deployment", hpa.path("scaleTargetRef").path("kind").asText(), name);
            assertEquals(replicas, hpa.path("minReplicas").asInt(), name + ": the autoscaler's minimum equals the Deployment's replicas");
            assertTrue(hpa.path("maxReplicas").asInt() >= replicas, name);
            JsonNode pdb = Manifests.get(objects, "PodDisruptionBudget", "consent-ledger").path("spec");
            assertTrue(selects(pdb.path("selector").path("matchLabels"), podLabels(objects)), name + ": PDB selects the pods");
            if (replicas > 1) {
                assertTrue(pdb.path("maxUnavailable").asInt(replicas) < replicas, name + ": a drain must leave a replica serving");
            }
        });
        assertTrue(Manifests.get(PRODUCTION, "Deployment", "consent-ledger").path("spec").path("replicas").asInt() >= 3, "production runs 3+ replicas");
        assertEquals(1, Manifests.get(DEV, "Deployment", "consent-ledger").path("spec").path("replicas").asInt(), "dev runs one replica");
        assertTrue(Kustomize.render(Manifests.K8S.resolve("base")).stream()
                .filter(o -> Manifests.kind(o).equals("Deployment")).allMatch(d -> d.path("spec").path("replicas").asInt() >= 2), "base runs 2+ replicas");
    }

    @Test
    void networkPolicyAdmitsOnlyIngressControllerAndPrometheusAndReachesOnlyDatabaseAndDns() {
        overlays().forEach((name, objects) -> {
            JsonNode policy = Manifests.get(objects, "NetworkPolicy", "consent-ledger").path("spec");
            assertTrue(selects(policy.path("podSelector").path("matchLabels"), podLabels(objects)), name + ": policy selects the pods");
            Set<String> types = new HashSet<>();
            policy.path("policyTypes").forEach(t -> types.add(t.asText()));
            assertEquals(Set.of("Ingress", "Egress"), types, name);
            Set<String> fromNamespaces = new HashSet<>();
            Set<String> admitted = new HashSet<>();
            for (JsonNode rule : policy.path("ingress")) {
                Set<String> ports = new HashSet<>();
                rule.path("ports").forEach(p -> ports.add(p.path("port").asText()));
                assertFalse(ports.isEmpty(), name + ": an ingress rule without ports admits every port");
                for (JsonNode from : rule.path("from")) {
                    assertFalse(from.has("ipBlock"), name + ": no ipBlock ingress");
                    String ns = from.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText();
                    assertFalse(ns.isEmpty(), name + ": ingress must name its namespace: " + from);
                    fromNamespaces.add(ns);
                    ports.forEach(p -> admitted.add(ns + ":" + p));
                }
                assertFalse(rule.path("from").isEmpty(), name + ": an ingress rule without 'from' admits everyone");
            }
            assertEquals(Set.of("ingress-nginx", "monitoring"), fromNamespaces, name);
            // the ingress controller reaches only the public port, Prometheus only the management port (#14)
            assertEquals(Set.of("ingress-nginx:http", "monitoring:management"), admitted, name);
            Set<String> egressPorts = new HashSet<>();
            for (JsonNode rule : policy.path("egress")) {
                assertFalse(rule.path("to").isEmpty(), name + ": an egress rule without 'to' reaches everything");
                rule.path("ports").forEach(p -> egressPorts.add(p.path("protocol").asText() + "/" + p.path("port").asText()));
            }
            assertEquals(Set.of("TCP/3306", "UDP/53", "TCP/53"), egressPorts, name);
            JsonNode dbSelector = policy.path("egress").path(0).path("to").path(0).path("podSelector").path("matchLabels");
            assertEquals("mariadb", dbSelector.path("app.kubernetes.io/name").asText(), name + ": egress to the database pods");
        });
        JsonNode devDbPods = Manifests.get(DEV, "StatefulSet", "mariadb").path("spec").path("template").path("metadata").path("labels");
        JsonNode devSelector = Manifests.get(DEV, "NetworkPolicy", "consent-ledger").path("spec").path("egress").path(0).path("to").path(0).path("podSelector").path("matchLabels");
        assertTrue(selects(devSelector, labels(devDbPods)), "dev: the egress rule reaches the MariaDB pod");
    }

    @Test
    void devRunsOneMariaDbWithPersistentStorage() {
        ObjectNode db = Manifests.get(DEV, "StatefulSet", "mariadb");
        assertEquals(1, db.path("spec").path("replicas").asInt());
        JsonNode claim = db.path("spec").path("volumeClaimTemplates").path(0);
        assertFalse(claim.path("spec").path("resources").path("requests").path("storage").asText().isEmpty(), "PVC size");
        boolean mounted = false;
        for (JsonNode m : Manifests.podSpec(db).path("containers").path(0).path("volumeMounts")) {
            mounted |= m.path("name").asText().equals(claim.path("metadata").path("name").asText())
                    && m.path("mountPath").asText().equals("/var/lib/mysql");
        }
        assertTrue(mounted, "the PVC holds /var/lib/mysql");
        URI jdbc = jdbcUri(DEV);
        assertTrue(Manifests.find(DEV, "Service", jdbc.getHost()).isPresent(), "the JDBC URL names the dev MariaDB Service: " + jdbc);
        String database = null;
        for (JsonNode e : Manifests.podSpec(db).path("containers").path(0).path("env")) {
            if (e.path("name").asText().equals("MARIADB_DATABASE")) {
                database = e.path("value").asText();
            }
        }
        assertEquals(jdbc.getPath().substring(1), database, "the service uses the schema MariaDB creates");
    }

    @Test
    void productionRunsAGaleraClusterThroughTheOperatorWithScheduledBackups() {
        List<ObjectNode> clusters = Manifests.ofKind(PRODUCTION, "MariaDB");
        assertEquals(1, clusters.size());
        JsonNode cluster = clusters.get(0);
        String clusterName = Manifests.name(cluster);
        JsonNode spec = cluster.path("spec");
        assertTrue(spec.path("galera").path("enabled").asBoolean(), "Galera enabled");
        int nodes = spec.path("replicas").asInt();
        assertTrue(nodes >= 3 && nodes % 2 == 1, "an odd number of 3+ Galera nodes keeps quorum, got " + nodes);
        assertTrue(spec.path("affinity").path("antiAffinityEnabled").asBoolean(), "one Galera node per Kubernetes node");
        assertFalse(spec.path("storage").path("size").asText().isEmpty(), "persistent storage");
        assertFalse(spec.path("rootPasswordSecretKeyRef").path("name").asText().isEmpty(), "root password from a Secret");

        URI jdbc = jdbcUri(PRODUCTION);
        boolean viaMaxScale = spec.path("maxScale").path("enabled").asBoolean();
        assertTrue(jdbc.getHost().equals(clusterName + "-primary") || viaMaxScale,
                "the service writes through the operator's primary Service (or MaxScale), not " + jdbc.getHost());

        String schema = jdbc.getPath().substring(1);
        ObjectNode database = Manifests.get(PRODUCTION, "Database", schema);
        assertEquals(clusterName, database.path("spec").path("mariaDbRef").path("name").asText());
        ObjectNode grant = Manifests.ofKind(PRODUCTION, "Grant").get(0);
        assertEquals(schema, grant.path("spec").path("database").asText());
        ObjectNode user = Manifests.get(PRODUCTION, "User", grant.path("spec").path("username").asText());
        JsonNode appPassword = secretRef(Manifests.appContainer(PRODUCTION), "QUARKUS_DATASOURCE_PASSWORD");
        assertEquals(appPassword.path("name").asText(), user.path("spec").path("passwordSecretKeyRef").path("name").asText(),
                "the operator sets the password the service reads");
        assertEquals(appPassword.path("key").asText(), user.path("spec").path("passwordSecretKeyRef").path("key").asText());
        int poolMax = Integer.parseInt(configMap(PRODUCTION).path("QUARKUS_DATASOURCE_JDBC_MAX_SIZE").asText());
        int maxReplicas = Manifests.get(PRODUCTION, "HorizontalPodAutoscaler", "consent-ledger").path("spec").path("maxReplicas").asInt();
        assertTrue(poolMax * maxReplicas <= user.path("spec").path("maxUserConnections").asInt(),
                "max replicas x pool size must fit the user's connection limit");

        List<ObjectNode> backups = Manifests.ofKind(PRODUCTION, "Backup");
        assertFalse(backups.isEmpty(), "a scheduled Backup");
        for (ObjectNode backup : backups) {
            assertEquals(clusterName, backup.path("spec").path("mariaDbRef").path("name").asText());
            assertEquals(5, backup.path("spec").path("schedule").path("cron").asText().trim().split("\\s+").length, "cron schedule");
            assertTrue(backup.path("spec").path("storage").size() > 0, "backup storage");
            assertFalse(backup.path("spec").path("maxRetention").asText().isEmpty(), "retention");
        }
    }

    /** On Galera, Flyway's lock does not survive DDL: the first installation runs exactly one migrating pod. */
    @Test
    void firstInstallIsProductionWithASingleMigratingReplica() {
        List<ObjectNode> first = Kustomize.render(Manifests.K8S.resolve("overlays/production-first-install"));
        assertEquals(PRODUCTION.stream().map(Manifests::id).sorted().collect(Collectors.toList()),
                first.stream().map(Manifests::id).sorted().collect(Collectors.toList()), "same objects as production");
        for (ObjectNode o : first) {
            ObjectNode expected = Manifests.find(PRODUCTION, Manifests.kind(o), Manifests.name(o)).orElseThrow().deepCopy();
            if (Manifests.id(o).equals(Manifests.id(Manifests.get(PRODUCTION, "Deployment", "consent-ledger")))) {
                assertEquals(1, o.path("spec").path("replicas").asInt(), "one replica migrates");
                ((ObjectNode) expected.path("spec")).put("replicas", 1);
            } else if (Manifests.kind(o).equals("HorizontalPodAutoscaler")) {
                assertEquals(1, o.path("spec").path("maxReplicas").asInt(), "the autoscaler must not add migrating pods");
                ((ObjectNode) expected.path("spec")).put("minReplicas", 1).put("maxReplicas", 1);
            }
            assertEquals(expected, o, Manifests.id(o) + " differs from production beyond the replica count");
        }
    }

    static JsonNode configMap(List<ObjectNode> objects) {
        return Manifests.get(objects, "ConfigMap", "consent-ledger-config").path("data");
    }

    static URI jdbcUri(List<ObjectNode> objects) {
        String url = configMap(objects).path("QUARKUS_DATASOURCE_JDBC_URL").asText();
        assertTrue(url.startsWith("jdbc:mariadb://"), url);
        return URI.create(url.substring("jdbc:".length()));
    }

    static JsonNode secretRef(JsonNode container, String env) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(env)) {
                return e.path("valueFrom").path("secretKeyRef");
            }
        }
        return fail(env + " is not set from a Secret");
    }

    static List<ObjectNode> workloads(List<ObjectNode> objects) {
        List<ObjectNode> result = new ArrayList<>(Manifests.ofKind(objects, "Deployment"));
        result.addAll(Manifests.ofKind(objects, "StatefulSet"));
        return result.stream().collect(Collectors.toList());
    }
}
