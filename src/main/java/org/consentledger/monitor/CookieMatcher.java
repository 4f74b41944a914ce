package org.consentledger.monitor;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Which cookie names a published banner configuration declares: the consent cookie and every service's cookies,
 * exact names or prefix patterns with a trailing {@code *} (e.g. {@code _ga_*}), as the banner's deletion matches them.
 */
public final class CookieMatcher {

    private final List<String> declared = new ArrayList<>();
    private final List<String> essential = new ArrayList<>();

    /** {@code config}: the configuration content (services, categories, cookie); null = nothing declared. */
    public CookieMatcher(JsonNode config) {
        if (config == null) {
            return;
        }
        String consentCookie = config.path("cookie").path("name").asText("");
        if (!consentCookie.isEmpty()) {
            declared.add(consentCookie);
            essential.add(consentCookie);
        }
        List<String> required = new ArrayList<>();
        config.path("categories").forEach(c -> {
            if (c.path("required").asBoolean(false)) {
                required.add(c.path("id").asText());
            }
        });
        config.path("services").forEach(s -> s.path("cookies").forEach(k -> {
            String name = k.path("name").asText("");
            if (!name.isEmpty()) {
                declared.add(name);
                if (required.contains(s.path("category").asText())) {
                    essential.add(name);
                }
            }
        }));
    }

    /** Declared by exact name or by a prefix pattern. */
    public boolean declared(String name) {
        return matchesAny(declared, name);
    }

    /** Declared under a required (essential) category: may be set before the decision. */
    public boolean essential(String name) {
        return matchesAny(essential, name);
    }

    static boolean matches(String pattern, String name) {
        return pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1)) : name.equals(pattern);
    }

    private static boolean matchesAny(List<String> patterns, String name) {
        for (String p : patterns) {
            if (matches(p, name)) {
                return true;
            }
        }
        return false;
    }
}
