package org.consentledger.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Picks the language of a banner response and resolves a configuration to it. Pure logic.
 */
public final class LanguageResolver {

    private LanguageResolver() {
    }

    /** The {@code lang} parameter if offered, else the best Accept-Language match, else the default. */
    public static String choose(String requested, String acceptLanguage, List<String> offered, String defaultLanguage) {
        if (requested != null && !requested.isBlank()) {
            String primary = primary(requested);
            if (offered.contains(primary)) {
                return primary;
            }
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            record Range(String lang, double q, int order) {
            }
            List<Range> ranges = new ArrayList<>();
            String[] parts = acceptLanguage.split(",");
            for (int i = 0; i < parts.length && i < 20; i++) {
                String[] pieces = parts[i].trim().split(";");
                double q = 1.0;
                for (int p = 1; p < pieces.length; p++) {
                    String param = pieces[p].trim();
                    if (param.startsWith("q=")) {
                        try {
                            q = Double.parseDouble(param.substring(2));
                        } catch (NumberFormatException e) {
                            q = 0;
                        }
                    }
                }
                ranges.add(new Range(primary(pieces[0]), q, i));
            }
            ranges.sort(Comparator.comparingDouble(Range::q).reversed().thenComparingInt(Range::order));
            for (Range range : ranges) {
                if (range.q() > 0 && offered.contains(range.lang())) {
                    return range.lang();
                }
            }
        }
        return defaultLanguage;
    }

    static String primary(String tag) {
        String trimmed = tag.trim().toLowerCase(Locale.ROOT);
        int dash = trimmed.indexOf('-');
        return dash > 0 ? trimmed.substring(0, dash) : trimmed;
    }

    /**
     * Returns a copy of {@code config} in which every object keyed only by declared languages
     * (e.g. {@code {"de": "Notwendig", "en": "Essential"}}) is replaced by its value for {@code lang},
     * falling back to the default language.
     */
    public static JsonNode resolve(JsonNode config, String lang, List<String> languages, String defaultLanguage) {
        return resolveNode(config, lang, languages, defaultLanguage);
    }

    private static JsonNode resolveNode(JsonNode node, String lang, List<String> languages, String defaultLanguage) {
        if (node.isObject()) {
            if (isLocalised(node, languages)) {
                JsonNode value = node.has(lang) ? node.get(lang) : node.get(defaultLanguage);
                if (value == null) {
                    value = node.elements().next();
                }
                return resolveNode(value, lang, languages, defaultLanguage);
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                copy.set(name, resolveNode(node.get(name), lang, languages, defaultLanguage));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(resolveNode(element, lang, languages, defaultLanguage)));
            return copy;
        }
        return node;
    }

    private static boolean isLocalised(JsonNode node, List<String> languages) {
        if (node.isEmpty()) {
            return false;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            if (!languages.contains(it.next())) {
                return false;
            }
        }
        return true;
    }
}
