package org.consentledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import org.consentledger.policy.Durations;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every value that differs between two banner configurations, as "where: old → new" rows for the publish and
 * rollback review (pure logic). Lists of objects are matched by their {@code id} (categories, services) or
 * {@code name} (cookies), so reordering is not a change of every value; other lists are compared as a whole.
 */
public final class ReviewChanges {

    /**
     * One changed value at {@code path} (keys, and the id or name of a list's item); {@code before} or {@code after}
     * is null when the value was added or removed.
     */
    public record Change(List<String> path, String before, String after) {
    }

    /** A change as the operator reads it: the setting's name and the values in words. */
    public record Row(String where, String before, String after) {
        public boolean added() {
            return before == null;
        }

        public boolean removed() {
            return after == null;
        }
    }

    private ReviewChanges() {
    }

    public static List<Change> between(JsonNode before, JsonNode after) {
        Map<List<String>, String> a = new LinkedHashMap<>();
        Map<List<String>, String> b = new LinkedHashMap<>();
        flatten(List.of(), before, a);
        flatten(List.of(), after, b);
        Set<List<String>> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<Change> out = new ArrayList<>();
        for (List<String> key : keys) {
            String x = a.get(key);
            String y = b.get(key);
            if (x == null ? y != null : !x.equals(y)) {
                out.add(new Change(key, x, y));
            }
        }
        return out;
    }

    /** The values of {@code node} by path; an empty list has none (so adding the first cookie is no "removed" row). */
    static void flatten(List<String> path, JsonNode node, Map<List<String>, String> out) {
        if (node == null || node.isMissingNode() || node.isArray() && node.isEmpty()) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(append(path, e.getKey()), e.getValue(), out);
            }
        } else if (node.isArray() && keyed(node) != null) {
            String keyField = keyed(node);
            for (JsonNode element : node) {
                flatten(append(path, element.path(keyField).asText()), element, out);
            }
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(n.isValueNode() ? n.asText() : n.toString()));
            out.put(path, String.join(", ", items));
        } else if (node.isNull()) {
            out.put(path, "");
        } else {
            out.put(path, node.asText());
        }
    }

    private static List<String> append(List<String> path, String key) {
        List<String> longer = new ArrayList<>(path);
        longer.add(key);
        return List.copyOf(longer);
    }

    /** The field that names the elements of a list of objects ({@code id} or {@code name}), or null. */
    private static String keyed(JsonNode array) {
        if (array.isEmpty()) {
            return null;
        }
        for (String field : List.of("id", "name")) {
            Set<String> seen = new LinkedHashSet<>();
            boolean all = true;
            for (JsonNode n : array) {
                if (!n.isObject() || !n.path(field).isTextual() || !seen.add(n.path(field).asText())) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return field;
            }
        }
        return null;
    }

    private static final List<Map.Entry<Pattern, String>> GERMAN_REASONS = List.of(
            Map.entry(Pattern.compile("optional category (.+) added"), "optionale Kategorie $1 hinzugefügt"),
            Map.entry(Pattern.compile("purpose description of category (.+) changed"), "Zweckbeschreibung der Kategorie $1 geändert"),
            Map.entry(Pattern.compile("category (.+) became required"), "Kategorie $1 ist jetzt notwendig"),
            Map.entry(Pattern.compile("service (.+) added to optional category (.+)"), "Dienst $1 zur optionalen Kategorie $2 hinzugefügt"),
            Map.entry(Pattern.compile("category of service (.+) changed"), "Kategorie des Dienstes $1 geändert"),
            Map.entry(Pattern.compile("provider of service (.+) changed"), "Anbieter des Dienstes $1 geändert"),
            Map.entry(Pattern.compile("legalBasis of service (.+) changed"), "Rechtsgrundlage des Dienstes $1 geändert"),
            Map.entry(Pattern.compile("thirdCountryTransfer of service (.+) changed"), "Drittlandübermittlung des Dienstes $1 geändert"),
            Map.entry(Pattern.compile("description of service (.+) changed"), "Beschreibung des Dienstes $1 geändert"),
            Map.entry(Pattern.compile("purpose of service (.+) changed"), "Zweck des Dienstes $1 geändert"),
            Map.entry(Pattern.compile("cookie (.+) added to an optional service"), "Cookie $1 zu einem optionalen Dienst hinzugefügt"),
            Map.entry(Pattern.compile("lifetime of cookie (.+) extended"), "Laufzeit des Cookies $1 verlängert"));

    private static final Pattern CATEGORY_ID = Pattern.compile("(?<=\\bcategory )([A-Za-z0-9_.-]+)");
    private static final Pattern SERVICE_ID = Pattern.compile("(?<=\\bservice )([A-Za-z0-9_.-]+)");

    /**
     * The changes as the operator reads them: each setting named in words ({@link SettingLabels}), a service's category
     * by its title, its legal basis, its cookies' lifetimes and whether they are first- or third-party in words, on/off
     * settings as yes or no, in {@code lang} (other values as stored).
     */
    public static List<Row> readable(List<Change> changes, JsonNode before, JsonNode after, String lang) {
        CategoryTitles titles = CategoryTitles.of(List.of(after, before), lang);
        SettingLabels labels = SettingLabels.of(before, after, lang);
        EditorMessages ed = MessageBundles.get(EditorMessages.class, Localized.Literal.of("de".equals(lang) ? "de" : "en"));
        LabelMessages answers = Labels.bundle(lang);
        List<Row> out = new ArrayList<>();
        for (Change c : changes) {
            Function<String, String> words = value -> value;
            if (serviceField(c.path(), "category")) {
                words = titles::title;
            } else if (serviceField(c.path(), "legalBasis")) {
                words = value -> Labels.text("basis_", value, lang);
            } else if (cookieField(c.path(), "maxAge")) {
                words = value -> Durations.humanize(value, lang);
            } else if (cookieField(c.path(), "thirdParty")) {
                words = value -> party(value, ed);
            } else if (at(after, c.path()).isBoolean() || at(before, c.path()).isBoolean()) {
                words = value -> "true".equals(value) ? answers.yes() : "false".equals(value) ? answers.no() : value;
            }
            out.add(new Row(labels.of(c.path()), c.before() == null ? null : words.apply(c.before()),
                    c.after() == null ? null : words.apply(c.after())));
        }
        return out;
    }

    /** The node at {@code path} (keys, and the id or name of a list's item, as {@link #flatten} names them). */
    static JsonNode at(JsonNode root, List<String> path) {
        JsonNode node = root;
        for (String key : path) {
            if (node.isArray() && keyed(node) != null) {
                String field = keyed(node);
                JsonNode item = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
                for (JsonNode element : node) {
                    if (key.equals(element.path(field).asText())) {
                        item = element;
                        break;
                    }
                }
                node = item;
            } else {
                node = node.path(key);
            }
        }
        return node;
    }

    /** {@code services › <id> › field}. */
    private static boolean serviceField(List<String> path, String field) {
        return path.size() == 3 && "services".equals(path.get(0)) && field.equals(path.get(2));
    }

    /** {@code services › <id> › cookies › <name> › field}. */
    private static boolean cookieField(List<String> path, String field) {
        return path.size() == 5 && "services".equals(path.get(0)) && "cookies".equals(path.get(2))
                && field.equals(path.get(4));
    }

    private static String party(String value, EditorMessages ed) {
        return "true".equals(value) ? ed.party_third() : "false".equals(value) ? ed.party_first() : value;
    }

    /**
     * A reason of {@code ConfigDiff} with the categories named by their titles and the services by their names in
     * {@code lang} (from the new configuration, else the old one), then in the page's language.
     */
    public static String reason(String english, JsonNode before, JsonNode after, String lang) {
        CategoryTitles titles = CategoryTitles.of(List.of(after, before), lang);
        Map<String, String> services = new LinkedHashMap<>();
        for (JsonNode config : List.of(after, before)) {
            for (JsonNode s : config.path("services")) {
                String id = s.path("id").asText("");
                String name = s.path("name").asText("");
                if (!id.isEmpty() && !name.isBlank()) {
                    services.putIfAbsent(id, name.strip());
                }
            }
        }
        String named = CATEGORY_ID.matcher(english).replaceAll(m -> Matcher.quoteReplacement(
                titles.contains(m.group(1)) ? titles.title(m.group(1)) : m.group(1)));
        named = SERVICE_ID.matcher(named).replaceAll(m -> Matcher.quoteReplacement(services.getOrDefault(m.group(1), m.group(1))));
        return reason(named, lang);
    }

    /** A reason of {@code ConfigDiff} in the page's language. */
    public static String reason(String english, String lang) {
        if (!"de".equals(lang)) {
            return english.replace("legalBasis of", "legal basis of").replace("thirdCountryTransfer of", "third-country transfer of");
        }
        for (Map.Entry<Pattern, String> e : GERMAN_REASONS) {
            Matcher m = e.getKey().matcher(english);
            if (m.matches()) {
                return m.replaceAll(e.getValue());
            }
        }
        return english;
    }
}
