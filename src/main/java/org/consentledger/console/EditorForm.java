package org.consentledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Adding and removing entries of a banner configuration (categories, services, cookies) for the editor. Pure logic. */
public final class EditorForm {


    /** Entries the form can add: a category, a service, or a cookie of the service at {@code cookie:services[i]}. */
    public static final String ADD_CATEGORY = "category", ADD_SERVICE = "service", ADD_COOKIE = "cookie:";

    private static final Pattern ENTRY = Pattern.compile("(categories|services)\\[(\\d{1,6})](?:\\.cookies\\[(\\d{1,6})])?");

    private EditorForm() {
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
}
