package org.consentledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The banner editor's form fields: every scalar value of the categories, services and their cookies, named by the
 * same path the validator uses in its errors ({@code services[1].cookies[0].maxAge}), so an error lands next to its
 * field; and the way back, applying submitted values onto the configuration. Pure logic.
 */
public final class EditorForm {

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z0-9_$-]+)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    /** One input: its path, its value as text, and whether it is a yes/no value. */
    public record Field(String path, String label, String value, boolean bool, boolean longText) {
    }

    /** A fieldset: one category, one service or one cookie. */
    public record Group(String kind, String title, int depth, List<Field> fields) {
    }

    private EditorForm() {
    }

    public static List<Group> groups(JsonNode config) {
        List<Group> groups = new ArrayList<>();
        JsonNode categories = config.path("categories");
        for (int i = 0; i < categories.size(); i++) {
            groups.add(group("category", categories.get(i), "categories[" + i + "]", 0, "cookies"));
        }
        JsonNode services = config.path("services");
        for (int i = 0; i < services.size(); i++) {
            JsonNode service = services.get(i);
            String base = "services[" + i + "]";
            groups.add(group("service", service, base, 0, "cookies"));
            JsonNode cookies = service.path("cookies");
            for (int j = 0; j < cookies.size(); j++) {
                groups.add(group("cookie", cookies.get(j), base + ".cookies[" + j + "]", 1, null));
            }
        }
        return groups;
    }

    private static Group group(String kind, JsonNode node, String base, int depth, String skip) {
        List<Field> fields = new ArrayList<>();
        collect(node, base, "", skip, fields);
        String title = node.path("id").asText(node.path("name").asText(base));
        return new Group(kind, title, depth, fields);
    }

    private static void collect(JsonNode node, String path, String label, String skip, List<Field> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (label.isEmpty() && e.getKey().equals(skip)) {
                    continue;
                }
                collect(e.getValue(), path + "." + e.getKey(), label.isEmpty() ? e.getKey() : label + "." + e.getKey(),
                        skip, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isValueNode()) {
                    collect(node.get(i), path + "[" + i + "]", label + "[" + i + "]", skip, out);
                }
            }
        } else if (!node.isNull()) {
            String text = node.asText();
            out.add(new Field(path, label, text, node.isBoolean(), text.length() > 80));
        }
    }

    /**
     * Applies submitted values (path → text) onto a copy of {@code config}. A value keeps the JSON type of the value
     * it replaces: booleans from "true"/"false", numbers when the text is a number (otherwise the text is kept, and the
     * validator names it), text otherwise. Paths that do not exist in {@code config} are ignored.
     */
    public static ObjectNode apply(ObjectNode config, Map<String, String> values) {
        ObjectNode copy = config.deepCopy();
        values.forEach((path, value) -> set(copy, path, value));
        return copy;
    }

    private static void set(ObjectNode root, String path, String value) {
        String[] parts = path.split("\\.");
        JsonNode parent = null;
        JsonNode node = root;
        String lastKey = null;
        int lastIndex = -1;
        for (String part : parts) {
            Matcher m = SEGMENT.matcher(part);
            if (!m.matches()) {
                return;
            }
            parent = node;
            lastKey = m.group(1);
            lastIndex = -1;
            node = node.get(lastKey);
            Matcher idx = INDEX.matcher(m.group(2));
            while (idx.find()) {
                if (node == null || !node.isArray()) {
                    return;
                }
                parent = node;
                lastIndex = Integer.parseInt(idx.group(1));
                node = node.get(lastIndex);
            }
            if (node == null) {
                return;
            }
        }
        if (!node.isValueNode() || parent == null) {
            return;
        }
        JsonNode replacement = typed(node, value);
        if (lastIndex >= 0) {
            ((ArrayNode) parent).set(lastIndex, replacement);
        } else {
            ((ObjectNode) parent).set(lastKey, replacement);
        }
    }

    private static JsonNode typed(JsonNode old, String value) {
        String v = value == null ? "" : value.strip();
        if (old.isBoolean()) {
            return BooleanNode.valueOf("true".equalsIgnoreCase(v) || "on".equalsIgnoreCase(v));
        }
        if (old.isNumber()) {
            try {
                return old.isIntegralNumber() ? LongNode.valueOf(Long.parseLong(v)) : DoubleNode.valueOf(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                return v.isEmpty() ? NullNode.getInstance() : TextNode.valueOf(v);
            }
        }
        return TextNode.valueOf(value == null ? "" : value);
    }
}
