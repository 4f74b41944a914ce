package org.consentledger.platform.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The kustomizations are complete and consistent, and render the same in Java and in kubectl. */
class KustomizeTest {

    static List<Path> kustomizationDirs() throws IOException {
        try (Stream<Path> files = Files.walk(Manifests.K8S)) {
            return files.filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                    .map(Path::getParent).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void baseAndBothOverlaysExist() throws IOException {
        Set<Path> dirs = Set.copyOf(kustomizationDirs());
        assertTrue(dirs.contains(Manifests.K8S.resolve("base")), "k8s/base/kustomization.yaml");
        for (String overlay : Manifests.OVERLAYS) {
            assertTrue(dirs.contains(Manifests.K8S.resolve(overlay)), "k8s/" + overlay + "/kustomization.yaml");
        }
    }

    @Test
    void everyManifestIsPartOfItsKustomization() throws IOException {
        for (Path dir : kustomizationDirs()) {
            Set<Path> used = Kustomize.referencedFiles(dir);
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> orphans = files.filter(p -> p.toString().endsWith(".yaml"))
                        .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
                        .filter(p -> !used.contains(p.normalize()))
                        .collect(Collectors.toList());
                assertEquals(List.of(), orphans, "manifests in " + dir + " that its kustomization never uses");
            }
        }
    }

    @Test
    void examplesAreNeverDeployed() throws IOException {
        for (Path dir : kustomizationDirs()) {
            assertFalse(dir.startsWith(Manifests.EXAMPLES), "k8s/examples must not be a kustomization");
            for (Path file : Kustomize.referencedFiles(dir)) {
                assertFalse(file.startsWith(Manifests.EXAMPLES), dir + " deploys the example " + file);
            }
            for (var r : Manifests.read(dir.resolve("kustomization.yaml")).get(0).path("resources")) {
                assertFalse(dir.resolve(r.asText()).normalize().startsWith(Manifests.EXAMPLES),
                        dir + " deploys k8s/examples");
            }
        }
    }

    @Test
    void overlaysRenderWithTheJavaRenderer() {
        for (String overlay : Manifests.OVERLAYS) {
            List<ObjectNode> objects = Kustomize.render(Manifests.K8S.resolve(overlay));
            Set<String> kinds = objects.stream().map(Manifests::kind).collect(Collectors.toSet());
            assertTrue(kinds.containsAll(Set.of("Deployment", "Service", "ConfigMap", "HorizontalPodAutoscaler",
                    "PodDisruptionBudget", "NetworkPolicy", "Ingress", "ServiceMonitor")), overlay + " renders " + kinds);
            for (ObjectNode o : objects) {
                assertFalse(o.path("metadata").path("namespace").asText().isEmpty(), overlay + ": " + Manifests.id(o) + " has no namespace");
            }
        }
    }

    @Test
    void theRendererRejectsAPatchWithoutTarget(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("kustomization.yaml"), "apiVersion: kustomize.config.k8s.io/v1beta1\n"
                + "kind: Kustomization\nresources:\n  - " + Manifests.K8S.resolve("base") + "\npatches:\n  - path: p.yaml\n");
        Files.writeString(tmp.resolve("p.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: consent-ledgr\nspec:\n  replicas: 5\n");
        AssertionError error = assertThrows(AssertionError.class, () -> Kustomize.render(tmp));
        assertTrue(error.getMessage().contains("consent-ledgr"), error.getMessage());

        Files.writeString(tmp.resolve("kustomization.yaml"), "apiVersion: kustomize.config.k8s.io/v1beta1\n"
                + "kind: Kustomization\nresources:\n  - missing.yaml\n");
        assertThrows(AssertionError.class, () -> Kustomize.render(tmp));

        Files.writeString(tmp.resolve("kustomization.yaml"), "apiVersion: kustomize.config.k8s.io/v1beta1\n"
                + "kind: Kustomization\nresources:\n  - " + Manifests.K8S.resolve("base") + "\ncommonLabels:\n  a: b\n");
        assertThrows(AssertionError.class, () -> Kustomize.render(tmp), "unimplemented fields must fail, not be ignored");
    }

    /** kubectl is in the machine image (and Debian's kubectl package works offline); without it the Java renderer stands alone. */
    @Test
    void kubectlRendersTheSameObjects() {
        Optional<Path> kubectl = Kustomize.kubectl();
        assumeTrue(kubectl.isPresent(), "kubectl not on PATH: the overlays were checked with the Java renderer only");
        int kustomize = Kustomize.kustomizeMajorVersion(kubectl.get());
        assumeTrue(kustomize >= 4, "kubectl's kustomize is older than v4 (e.g. Debian 12's kubectl 1.20):"
                + " the overlays were checked with the Java renderer only");
        List<String> dirs = new ArrayList<>(Manifests.OVERLAYS);
        dirs.add("base");
        dirs.add("overlays/production-first-install");
        for (String dir : dirs) {
            Map<String, ObjectNode> viaKubectl = byId(Kustomize.renderWithKubectl(kubectl.get(), Manifests.K8S.resolve(dir)));
            Map<String, ObjectNode> viaJava = byId(Kustomize.render(Manifests.K8S.resolve(dir)));
            assertEquals(new TreeSet<>(viaKubectl.keySet()), new TreeSet<>(viaJava.keySet()), dir + ": rendered objects");
            for (String id : viaKubectl.keySet()) {
                assertEquals(viaKubectl.get(id), viaJava.get(id), dir + ": " + id + " differs between kubectl and the Java renderer");
            }
        }
    }

    private static Map<String, ObjectNode> byId(List<ObjectNode> objects) {
        Map<String, ObjectNode> map = new TreeMap<>();
        objects.forEach(o -> map.put(Manifests.id(o), o));
        return map;
    }
}
