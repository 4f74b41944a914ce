package org.consentledger.platform.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A small, strict kustomize: enough of {@code kubectl kustomize} for the kustomizations in k8s/
 * (resources, namespace, patches by file, replicas, images). It fails on any kustomization field it
 * does not implement, on a resource that does not exist and on a patch whose target no resource
 * defines, so a check built on it never passes by ignoring part of the deployment. When kubectl is
 * installed, {@link KustomizeTest} compares its output with kubectl's, object by object.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED_FIELDS =
            Set.of("apiVersion", "kind", "resources", "namespace", "patches", "replicas", "images");

    /** Kubernetes API groups whose objects kustomize patches with strategic merge (others: JSON merge patch). */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "autoscaling", "policy",
            "networking.k8s.io", "rbac.authorization.k8s.io", "scheduling.k8s.io", "storage.k8s.io");

    /** patchMergeKey of the built-in list fields the manifests use. */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name", "initContainers", "name", "env", "name", "volumes", "name",
            "imagePullSecrets", "name", "volumeMounts", "mountPath", "topologySpreadConstraints", "topologyKey");

    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "PriorityClass", "CustomResourceDefinition", "StorageClass", "PersistentVolume", "IngressClass");

    private Kustomize() {
    }

    static Path kustomizationFile(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(dir + " has no kustomization.yaml");
        }
        return file;
    }

    /** The files a kustomization directory uses directly (resources that are files, and patches). */
    static Set<Path> referencedFiles(Path dir) {
        JsonNode k = Manifests.read(kustomizationFile(dir)).get(0);
        Set<Path> files = new LinkedHashSet<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isRegularFile(p)) {
                files.add(p);
            }
        }
        for (JsonNode patch : k.path("patches")) {
            files.add(dir.resolve(patch.path("path").asText()).normalize());
        }
        return files;
    }

    /** Renders the kustomization in {@code dir}. */
    static List<ObjectNode> render(Path dir) {
        Path file = kustomizationFile(dir);
        List<ObjectNode> docs = Manifests.read(file);
        if (docs.size() != 1) {
            throw new AssertionError(file + " must hold exactly one document");
        }
        ObjectNode k = docs.get(0);
        if (!"Kustomization".equals(k.path("kind").asText())) {
            throw new AssertionError(file + " is not a Kustomization");
        }
        for (Iterator<String> it = k.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new AssertionError(file + ": field '" + field + "' is not implemented by the Java renderer;"
                        + " implement it in " + Kustomize.class.getSimpleName() + " or do without it");
            }
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                objects.addAll(render(p));
            } else if (Files.isRegularFile(p)) {
                objects.addAll(Manifests.read(p));
            } else {
                throw new AssertionError(file + " lists resource " + r.asText() + ", which does not exist");
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        for (ObjectNode o : objects) {
            if (!ids.add(Manifests.id(o))) {
                throw new AssertionError(file + ": " + Manifests.id(o) + " is defined twice");
            }
        }
        for (JsonNode patchEntry : k.path("patches")) {
            if (!patchEntry.has("path") || patchEntry.size() != 1) {
                throw new AssertionError(file + ": only `- path: <file>` patches are implemented, got " + patchEntry);
            }
            Path patchFile = dir.resolve(patchEntry.path("path").asText()).normalize();
            if (!Files.isRegularFile(patchFile)) {
                throw new AssertionError(file + " lists patch " + patchFile + ", which does not exist");
            }
            for (ObjectNode patch : Manifests.read(patchFile)) {
                ObjectNode target = objects.stream()
                        .filter(o -> Manifests.kind(o).equals(Manifests.kind(patch))
                                && Manifests.name(o).equals(Manifests.name(patch))
                                && group(o).equals(group(patch)))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(patchFile + " patches " + Manifests.kind(patch) + " "
                                + Manifests.name(patch) + ", which no resource of " + dir + " defines"));
                if (BUILT_IN_GROUPS.contains(group(target))) {
                    strategicMerge(target, patch, "");
                } else {
                    jsonMerge(target, patch);
                }
            }
        }
        for (JsonNode replicas : k.path("replicas")) {
            String name = replicas.path("name").asText();
            List<ObjectNode> targets = objects.stream()
                    .filter(o -> Set.of("Deployment", "StatefulSet", "ReplicaSet").contains(Manifests.kind(o)))
                    .filter(o -> Manifests.name(o).equals(name))
                    .collect(Collectors.toList());
            if (targets.isEmpty()) {
                throw new AssertionError(file + ": replicas for " + name + ", which no workload is called");
            }
            targets.forEach(t -> ((ObjectNode) t.path("spec")).put("replicas", replicas.path("count").asInt()));
        }
        for (JsonNode image : k.path("images")) {
            int changed = 0;
            for (ObjectNode o : objects) {
                changed += retag(o, image);
            }
            if (changed == 0) {
                throw new AssertionError(file + ": image " + image.path("name").asText() + " is used by no container");
            }
        }
        if (k.hasNonNull("namespace")) {
            String ns = k.path("namespace").asText();
            for (ObjectNode o : objects) {
                if (!CLUSTER_SCOPED.contains(Manifests.kind(o))) {
                    ((ObjectNode) o.path("metadata")).put("namespace", ns);
                }
            }
        }
        return objects;
    }

    static String group(JsonNode obj) {
        String apiVersion = obj.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** Strategic merge for built-in kinds: maps merge, keyed lists merge by their patchMergeKey, other lists are replaced. */
    private static void strategicMerge(ObjectNode target, ObjectNode patch, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = e.getKey();
            JsonNode value = e.getValue();
            if (field.startsWith("$")) {
                throw new AssertionError("patch directive " + field + " at " + path + " is not implemented");
            }
            JsonNode existing = target.get(field);
            if (value.isNull()) {
                target.remove(field);
            } else if (value.isObject() && existing != null && existing.isObject()) {
                strategicMerge((ObjectNode) existing, (ObjectNode) value, path + "/" + field);
            } else if (value.isArray() && existing != null && existing.isArray() && MERGE_KEYS.containsKey(field)) {
                mergeKeyedList((ArrayNode) existing, (ArrayNode) value, MERGE_KEYS.get(field), path + "/" + field);
            } else {
                target.set(field, value.deepCopy());
            }
        }
    }

    private static void mergeKeyedList(ArrayNode target, ArrayNode patch, String key, String path) {
        for (JsonNode item : patch) {
            if (!item.has(key)) {
                throw new AssertionError("list item at " + path + " lacks its merge key " + key);
            }
            Optional<JsonNode> match = Optional.empty();
            for (JsonNode t : target) {
                if (t.path(key).equals(item.get(key))) {
                    match = Optional.of(t);
                }
            }
            if (match.isPresent()) {
                strategicMerge((ObjectNode) match.get(), (ObjectNode) item, path + "[" + item.get(key).asText() + "]");
            } else {
                target.add(item.deepCopy());
            }
        }
    }

    /** RFC 7386 JSON merge patch, what kustomize applies to custom resources. */
    private static void jsonMerge(ObjectNode target, ObjectNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = target.get(e.getKey());
            if (e.getValue().isNull()) {
                target.remove(e.getKey());
            } else if (e.getValue().isObject() && existing != null && existing.isObject()) {
                jsonMerge((ObjectNode) existing, (ObjectNode) e.getValue());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    /** Applies one `images:` entry to every container (and init container) image anywhere in {@code node}. */
    private static int retag(JsonNode node, JsonNode image) {
        int changed = 0;
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if ((e.getKey().equals("containers") || e.getKey().equals("initContainers")) && e.getValue().isArray()) {
                    for (JsonNode c : e.getValue()) {
                        String ref = c.path("image").asText();
                        if (imageName(ref).equals(image.path("name").asText())) {
                            String name = image.hasNonNull("newName") ? image.get("newName").asText() : imageName(ref);
                            String suffix = image.hasNonNull("digest") ? "@" + image.get("digest").asText()
                                    : image.hasNonNull("newTag") ? ":" + image.get("newTag").asText()
                                    : ref.substring(imageName(ref).length());
                            ((ObjectNode) c).put("image", name + suffix);
                            changed++;
                        }
                    }
                } else {
                    changed += retag(e.getValue(), image);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                changed += retag(item, image);
            }
        }
        return changed;
    }

    /** The image reference without tag or digest. */
    static String imageName(String ref) {
        int at = ref.indexOf('@');
        String noDigest = at < 0 ? ref : ref.substring(0, at);
        int colon = noDigest.lastIndexOf(':');
        return colon > noDigest.lastIndexOf('/') ? noDigest.substring(0, colon) : noDigest;
    }

    /** The tag of an image reference, empty if it has none. */
    static String imageTag(String ref) {
        int at = ref.indexOf('@');
        String noDigest = at < 0 ? ref : ref.substring(0, at);
        int colon = noDigest.lastIndexOf(':');
        return colon > noDigest.lastIndexOf('/') ? noDigest.substring(colon + 1) : "";
    }

    // ---- kubectl ------------------------------------------------------------------------------

    /** The kubectl on PATH, if any. */
    static Optional<Path> kubectl() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Major version of kubectl's built-in kustomize (e.g. 5 for v5.5.0), 0 if unknown. */
    static int kustomizeMajorVersion(Path kubectl) {
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "version", "--client", "-o", "json")
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return 0;
            }
            String version = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out).path("kustomizeVersion").asText("");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("v?(\\d+)\\.").matcher(version);
            return m.lookingAt() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Output of {@code kubectl kustomize dir}, parsed. */
    static List<ObjectNode> renderWithKubectl(Path kubectl, Path dir) {
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                    .redirectErrorStream(false)
                    .start();
            process.getOutputStream().close();
            byte[] out;
            byte[] err;
            try (InputStream stdout = process.getInputStream(); InputStream stderr = process.getErrorStream()) {
                ByteArrayOutputStream errBuffer = new ByteArrayOutputStream();
                Thread errReader = new Thread(() -> {
                    try {
                        stderr.transferTo(errBuffer);
                    } catch (IOException ignored) {
                        // reported through the exit code
                    }
                });
                errReader.start();
                out = stdout.readAllBytes();
                errReader.join(60_000);
                err = errBuffer.toByteArray();
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + dir + " did not finish in 120 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed: " + new String(err, StandardCharsets.UTF_8));
            }
            Path tmp = Files.createTempFile("kustomize-", ".yaml");
            try {
                Files.write(tmp, out);
                return Manifests.read(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
