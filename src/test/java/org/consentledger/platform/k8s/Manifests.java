package org.consentledger.platform.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reading the YAML under k8s/ and finding objects in a rendered overlay. */
final class Manifests {

    static final Path ROOT = findRoot();
    static final Path K8S = ROOT.resolve("k8s");
    static final Path EXAMPLES = K8S.resolve("examples");
    static final List<String> OVERLAYS = List.of("overlays/dev", "overlays/production");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("No pom.xml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** Every document of a (multi-document) YAML file; empty documents are skipped. */
    static List<ObjectNode> read(Path file) {
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<ObjectNode> docs = new ArrayList<>();
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                if (!doc.isObject()) {
                    throw new IllegalStateException(file + ": a document is not a mapping but " + doc.getNodeType());
                }
                docs.add((ObjectNode) doc);
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(file + " does not parse as YAML: " + e.getMessage(), e);
        }
    }

    /** Every .yaml/.yml file under k8s/. */
    static List<Path> allYamlFiles() {
        try (Stream<Path> files = Files.walk(K8S)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String kind(JsonNode obj) {
        return obj.path("kind").asText();
    }

    static String name(JsonNode obj) {
        return obj.path("metadata").path("name").asText();
    }

    /** kind/namespace/name, the identity kustomize uses. */
    static String id(JsonNode obj) {
        return kind(obj) + "/" + obj.path("metadata").path("namespace").asText("") + "/" + name(obj);
    }

    static Optional<ObjectNode> find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(kind(o)) && name.equals(name(o))).findFirst();
    }

    static ObjectNode get(List<ObjectNode> objects, String kind, String name) {
        return find(objects, kind, name).orElseThrow(() -> new AssertionError(
                "no " + kind + " named " + name + " in " + objects.stream().map(Manifests::id).collect(Collectors.toList())));
    }

    static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(kind(o))).collect(Collectors.toList());
    }

    /** The pod spec of a Deployment or StatefulSet. */
    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    /** The service's own container in the consent-ledger Deployment. */
    static JsonNode appContainer(List<ObjectNode> objects) {
        JsonNode containers = podSpec(get(objects, "Deployment", "consent-ledger")).path("containers");
        for (JsonNode c : containers) {
            if ("consent-ledger".equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("Deployment consent-ledger has no container named consent-ledger");
    }
}
