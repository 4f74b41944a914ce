package org.consentledger.operator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Difference between two banner configurations (DESIGN §5): categories, services, cookies and texts added,
 * removed or changed, and whether visitors must be asked again. Pure logic, no framework.
 *
 * <p>Visitors are asked again when what they agreed to grows or changes in substance: a new optional category, a
 * new service or cookie in an optional category, a service moved to another category, or a change of a
 * service's provider, legal basis, third-country transfer or purpose description, or of an optional category's
 * description. Removals, wording of buttons/banner texts, links and cookie lifetimes that get shorter do not
 * require a new decision.
 */
public final class ConfigDiff {

    /** Added, removed and changed keys of one section. */
    public record Section(List<String> added, List<String> removed, Map<String, List<String>> changed) {
        boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }
    }

    /** The whole difference. */
    public record Result(Section categories, Section services, Section cookies, Section texts, List<String> otherChanged,
            boolean reconsentRequired, List<String> reasons) {
    }

    private static final Set<String> SERVICE_SUBSTANCE = Set.of("category", "provider", "legalBasis",
            "thirdCountryTransfer", "description", "purpose");

    private ConfigDiff() {
    }

    public static Result diff(JsonNode from, JsonNode to) {
        List<String> reasons = new ArrayList<>();
        Map<String, JsonNode> catsA = byId(from.path("categories"));
        Map<String, JsonNode> catsB = byId(to.path("categories"));
        Section categories = compare(catsA, catsB, Set.of());
        for (String id : categories.added()) {
            if (!catsB.get(id).path("required").asBoolean(false)) {
                reasons.add("optional category " + id + " added");
            }
        }
        categories.changed().forEach((id, fields) -> {
            boolean optional = !catsB.get(id).path("required").asBoolean(false);
            if (optional && fields.contains("description")) {
                reasons.add("purpose description of category " + id + " changed");
            }
            if (fields.contains("required") && !optional) {
                reasons.add("category " + id + " became required");
            }
        });

        Map<String, JsonNode> svcA = byId(from.path("services"));
        Map<String, JsonNode> svcB = byId(to.path("services"));
        Section services = compare(svcA, svcB, Set.of("cookies"));
        for (String id : services.added()) {
            String category = svcB.get(id).path("category").asText();
            if (isOptional(catsB, category)) {
                reasons.add("service " + id + " added to optional category " + category);
            }
        }
        services.changed().forEach((id, fields) -> {
            if (isOptional(catsB, svcB.get(id).path("category").asText())) {
                for (String f : fields) {
                    if (SERVICE_SUBSTANCE.contains(f)) {
                        reasons.add(f + " of service " + id + " changed");
                    }
                }
            }
        });

        Map<String, JsonNode> cookiesA = cookies(svcA);
        Map<String, JsonNode> cookiesB = cookies(svcB);
        Section cookies = compare(cookiesA, cookiesB, Set.of());
        for (String key : cookies.added()) {
            String service = key.substring(0, key.indexOf('/'));
            if (!services.added().contains(service) && isOptional(catsB, svcB.get(service).path("category").asText())) {
                reasons.add("cookie " + key + " added to an optional service");
            }
        }
        cookies.changed().forEach((key, fields) -> {
            String service = key.substring(0, key.indexOf('/'));
            if (fields.contains("maxAge") && isOptional(catsB, svcB.get(service).path("category").asText())
                    && longer(cookiesB.get(key).path("maxAge").asText(), cookiesA.get(key).path("maxAge").asText())) {
                reasons.add("lifetime of cookie " + key + " extended");
            }
        });

        Section texts = compare(flattenTexts(from.path("texts")), flattenTexts(to.path("texts")), Set.of());

        List<String> other = new ArrayList<>();
        Set<String> keys = new TreeSet<>();
        from.fieldNames().forEachRemaining(keys::add);
        to.fieldNames().forEachRemaining(keys::add);
        for (String k : keys) {
            if (!Set.of("categories", "services", "texts").contains(k) && !from.path(k).equals(to.path(k))) {
                other.add(k);
            }
        }
        return new Result(categories, services, cookies, texts, other, !reasons.isEmpty(), reasons);
    }

    private static boolean isOptional(Map<String, JsonNode> categories, String id) {
        JsonNode c = categories.get(id);
        return c == null || !c.path("required").asBoolean(false);
    }

    /** True when ISO-8601 duration {@code b} is longer than {@code a} (unparsable counts as longer: be careful). */
    static boolean longer(String b, String a) {
        try {
            return approxDays(b) > approxDays(a);
        } catch (RuntimeException e) {
            return !b.equals(a);
        }
    }

    private static double approxDays(String iso) {
        if (iso.contains("T")) {
            return java.time.Duration.parse(iso).toSeconds() / 86400.0;
        }
        java.time.Period p = java.time.Period.parse(iso);
        return p.getYears() * 365.0 + p.getMonths() * 30.0 + p.getDays();
    }

    private static Map<String, JsonNode> byId(JsonNode array) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        if (array.isArray()) {
            for (JsonNode n : array) {
                m.put(n.path("id").asText(), n);
            }
        }
        return m;
    }

    private static Map<String, JsonNode> cookies(Map<String, JsonNode> services) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        services.forEach((id, s) -> {
            for (JsonNode c : s.path("cookies")) {
                m.put(id + "/" + c.path("name").asText(), c);
            }
        });
        return m;
    }

    private static Map<String, JsonNode> flattenTexts(JsonNode texts) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> languages = texts.fields();
        while (languages.hasNext()) {
            Map.Entry<String, JsonNode> language = languages.next();
            Iterator<Map.Entry<String, JsonNode>> entries = language.getValue().fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> e = entries.next();
                m.put(language.getKey() + "." + e.getKey(), e.getValue());
            }
        }
        return m;
    }

    private static Section compare(Map<String, JsonNode> a, Map<String, JsonNode> b, Set<String> ignoredFields) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Map<String, List<String>> changed = new LinkedHashMap<>();
        for (String key : b.keySet()) {
            if (!a.containsKey(key)) {
                added.add(key);
            }
        }
        for (String key : a.keySet()) {
            if (!b.containsKey(key)) {
                removed.add(key);
            } else if (!a.get(key).equals(b.get(key))) {
                List<String> fields = changedFields(a.get(key), b.get(key), ignoredFields);
                if (!fields.isEmpty()) {
                    changed.put(key, fields);
                }
            }
        }
        return new Section(added, removed, changed);
    }

    private static List<String> changedFields(JsonNode a, JsonNode b, Set<String> ignored) {
        if (!a.isObject() || !b.isObject()) {
            return List.of("value");
        }
        Set<String> names = new LinkedHashSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        List<String> fields = new ArrayList<>();
        for (String n : names) {
            if (!ignored.contains(n) && !a.path(n).equals(b.path(n))) {
                fields.add(n);
            }
        }
        return fields;
    }
}
