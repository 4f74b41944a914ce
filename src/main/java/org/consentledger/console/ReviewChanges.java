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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every value that differs between two banner configurations, as "where: old → new" rows for the publish and
 * rollback review (pure logic). Lists of objects are matched by their {@code id} (categories, services) or
 * {@code name} (cookies), so reordering is not a change of every value; other lists are compared as a whole.
 */
public final class ReviewChanges {

    /** One changed value; {@code before} or {@code after} is null when the value was added or removed. */
    public record Change(String where, String before, String after) {
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
        Map<String, String> a = new LinkedHashMap<>();
        Map<String, String> b = new LinkedHashMap<>();
        flatten("", before, a);
        flatten("", after, b);
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<Change> out = new ArrayList<>();
        for (String key : keys) {
            String x = a.get(key);
            String y = b.get(key);
            if (x == null ? y != null : !x.equals(y)) {
                out.add(new Change(key, x, y));
            }
        }
        return out;
    }

    static void flatten(String path, JsonNode node, Map<String, String> out) {
        if (node == null || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(path.isEmpty() ? e.getKey() : path + " › " + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray() && keyed(node) != null) {
            String keyField = keyed(node);
            for (JsonNode element : node) {
                flatten(path + " › " + element.path(keyField).asText(), element, out);
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
     * The changes as the operator reads them: a service's category by its title, its legal basis, its cookies'
     * lifetimes and whether they are first- or third-party in words, in
     * {@code lang} (the ids and wire values stay where no title exists).
     */
    public static List<Change> readable(List<Change> changes, JsonNode before, JsonNode after, String lang) {
        CategoryTitles titles = CategoryTitles.of(List.of(after, before), lang);
        List<Change> out = new ArrayList<>();
        for (Change c : changes) {
            if (c.where().startsWith("services › ") && c.where().endsWith(" › category")) {
                out.add(new Change(c.where(), c.before() == null ? null : titles.title(c.before()),
                        c.after() == null ? null : titles.title(c.after())));
            } else if (c.where().startsWith("services › ") && c.where().endsWith(" › legalBasis")) {
                out.add(new Change(c.where(), c.before() == null ? null : Labels.text("basis_", c.before(), lang),
                        c.after() == null ? null : Labels.text("basis_", c.after(), lang)));
            } else if (c.where().startsWith("services › ") && c.where().endsWith(" › maxAge")) {
                out.add(new Change(c.where(), c.before() == null ? null : Durations.humanize(c.before(), lang),
                        c.after() == null ? null : Durations.humanize(c.after(), lang)));
            } else if (c.where().startsWith("services › ") && c.where().endsWith(" › thirdParty")) {
                EditorMessages ed = MessageBundles.get(EditorMessages.class, Localized.Literal.of("de".equals(lang) ? "de" : "en"));
                out.add(new Change(c.where(), party(c.before(), ed), party(c.after(), ed)));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    private static String party(String value, EditorMessages ed) {
        return value == null ? null : "true".equals(value) ? ed.party_third() : "false".equals(value) ? ed.party_first() : value;
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
