package org.consentledger.console;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The categories of a site as named in its banner configs: id → title in the page language, the latest version's
 * categories first (in their order), then those only older versions had (events still carry them). Pure logic.
 */
public final class CategoryTitles {

    /** One category of the site. */
    public record Category(String id, String title, boolean required) {
        /** "Statistik (analytics)": the title, and the id where it differs, for choices and chart captions. */
        public String label() {
            return title.equalsIgnoreCase(id) ? title : title + " (" + id + ")";
        }
    }

    private final Map<String, Category> byId;

    private CategoryTitles(Map<String, Category> byId) {
        this.byId = byId;
    }

    /** From config contents, newest first, in {@code lang} (falling back to English, German, then any text, then the id). */
    public static CategoryTitles of(List<JsonNode> contentsNewestFirst, String lang) {
        Map<String, Category> m = new LinkedHashMap<>();
        for (JsonNode content : contentsNewestFirst) {
            for (JsonNode c : content.path("categories")) {
                String id = c.path("id").asText("");
                if (id.isEmpty() || m.containsKey(id)) {
                    continue;
                }
                m.put(id, new Category(id, title(c.path("title"), lang, id), c.path("required").asBoolean(false)));
            }
        }
        return new CategoryTitles(m);
    }

    static String title(JsonNode title, String lang, String fallback) {
        for (String l : new String[] { lang, "en", "de" }) {
            String t = title.path(l).asText("");
            if (!t.isBlank()) {
                return t;
            }
        }
        if (title.isTextual() && !title.asText().isBlank()) {
            return title.asText();
        }
        for (JsonNode any : title) {
            if (any.isTextual() && !any.asText().isBlank()) {
                return any.asText();
            }
        }
        return fallback;
    }

    public List<Category> all() {
        return List.copyOf(byId.values());
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** The title of {@code id}, or the id itself for a category no config names. */
    public String title(String id) {
        Category c = byId.get(id);
        return c == null ? id : c.title();
    }

    public boolean required(String id) {
        Category c = byId.get(id);
        return c != null ? c.required() : "essential".equals(id);
    }

    public Set<String> ids() {
        return new TreeSet<>(byId.keySet());
    }
}
