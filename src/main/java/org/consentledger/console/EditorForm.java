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

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z0-9_$-]{1,64})((?:\\[\\d{1,6}])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d{1,6})]");

    /** One input: its path, its value as text, and whether it is a yes/no value. */
    public record Field(String path, String label, String value, boolean bool, boolean longText) {
    }

    /** A fieldset: one category, one service or one cookie; {@code path} names it ({@code services[1].cookies[0]}). */
    public record Group(String kind, String title, int depth, String path, List<Field> fields) {
    }

    /** Entries the form can add: a category, a service, or a cookie of the service at {@code cookie:services[i]}. */
    public static final String ADD_CATEGORY = "category", ADD_SERVICE = "service", ADD_COOKIE = "cookie:";

    private static final Pattern ENTRY = Pattern.compile("(categories|services)\\[(\\d{1,6})](?:\\.cookies\\[(\\d{1,6})])?");

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
        return new Group(kind, title, depth, base, fields);
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

    /**
     * Adds an empty entry: {@link #ADD_CATEGORY}, {@link #ADD_SERVICE} or {@code cookie:services[i]}. Its texts are empty
     * for every declared language, so the validator names each field still to fill in. Unknown requests change nothing.
     */
    public static ObjectNode add(ObjectNode config, String what) {
        ObjectNode copy = config.deepCopy();
        List<String> languages = new ArrayList<>();
        copy.path("languages").forEach(l -> languages.add(l.asText()));
        if (languages.isEmpty()) {
            languages.add(copy.path("defaultLanguage").asText("en"));
        }
        if (ADD_CATEGORY.equals(what)) {
            String id = freeId(copy.path("categories"), "category");
            ObjectNode category = array(copy, "categories").addObject();
            category.put("id", id);
            category.put("required", false);
            category.set("title", texts(copy, languages));
            category.set("description", texts(copy, languages));
        } else if (ADD_SERVICE.equals(what)) {
            String category = "";
            for (JsonNode c : copy.path("categories")) {
                if (!c.path("required").asBoolean()) {
                    category = c.path("id").asText();
                    break;
                }
            }
            String id = freeId(copy.path("services"), "service");
            ObjectNode service = array(copy, "services").addObject();
            service.put("id", id);
            service.put("category", category);
            service.put("name", "");
            service.put("provider", "");
            service.put("legalBasis", "consent");
            service.put("privacyPolicyUrl", "");
            service.set("purpose", texts(copy, languages));
            service.putArray("cookies");
        } else if (what != null && what.startsWith(ADD_COOKIE)) {
            Matcher m = ENTRY.matcher(what.substring(ADD_COOKIE.length()));
            if (m.matches() && m.group(1).equals("services") && m.group(3) == null) {
                JsonNode service = copy.path("services").path(Integer.parseInt(m.group(2)));
                if (service.isObject()) {
                    ObjectNode cookie = array((ObjectNode) service, "cookies").addObject();
                    cookie.put("name", "");
                    cookie.put("maxAge", "P1Y");
                    cookie.set("purpose", texts(copy, languages));
                }
            }
        }
        return copy;
    }

    /** True when {@code path} is a field path the form can send ({@code services[1].cookies[0].maxAge}). */
    public static boolean isFieldPath(String path) {
        if (path == null || path.isEmpty() || path.length() > 200) {
            return false;
        }
        for (String part : (path.startsWith(".") ? path.substring(1) : path).split("\\.", -1)) {
            if (!SEGMENT.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code what} names an entry the form's add/remove buttons can send. */
    public static boolean isEntry(String what) {
        if (what == null) {
            return false;
        }
        if (what.equals(ADD_CATEGORY) || what.equals(ADD_SERVICE)) {
            return true;
        }
        String entry = what.startsWith(ADD_COOKIE) ? what.substring(ADD_COOKIE.length()) : what;
        return ENTRY.matcher(entry).matches();
    }

    /** Removes the entry at {@code categories[i]}, {@code services[i]} or {@code services[i].cookies[j]}. */
    public static ObjectNode remove(ObjectNode config, String path) {
        ObjectNode copy = config.deepCopy();
        Matcher m = ENTRY.matcher(path == null ? "" : path);
        if (!m.matches()) {
            return copy;
        }
        JsonNode list = copy.path(m.group(1));
        int index = Integer.parseInt(m.group(2));
        if (m.group(3) != null) {
            list = list.path(index).path("cookies");
            index = Integer.parseInt(m.group(3));
        }
        if (list.isArray() && index < list.size()) {
            ((ArrayNode) list).remove(index);
        }
        return copy;
    }

    private static ArrayNode array(ObjectNode parent, String name) {
        return parent.get(name) instanceof ArrayNode a ? a : parent.putArray(name);
    }

    private static ObjectNode texts(ObjectNode config, List<String> languages) {
        ObjectNode texts = config.objectNode();
        languages.forEach(l -> texts.put(l, ""));
        return texts;
    }

    private static String freeId(JsonNode entries, String prefix) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        entries.forEach(e -> taken.add(e.path("id").asText()));
        int n = entries.size() + 1;
        while (taken.contains(prefix + "-" + n)) {
            n++;
        }
        return prefix + "-" + n;
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
