package org.consentledger.site;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a browser origin may call a site's visitor API. Patterns are exact origins
 * ({@code https://example.com}) or origins with a wildcard port ({@code http://localhost:*}).
 */
public final class OriginPolicy {

    private OriginPolicy() {
    }

    public static boolean allows(List<String> patterns, String origin) {
        if (origin == null || origin.isBlank()) {
            return false;
        }
        String normalised = origin.toLowerCase(Locale.ROOT);
        for (String pattern : patterns) {
            if (matches(pattern.toLowerCase(Locale.ROOT), normalised)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String pattern, String origin) {
        if (pattern.equals(origin)) {
            return true;
        }
        if (!pattern.endsWith(":*")) {
            return false;
        }
        String base = pattern.substring(0, pattern.length() - 2);
        if (origin.equals(base)) {
            return true;
        }
        if (!origin.startsWith(base + ":")) {
            return false;
        }
        String port = origin.substring(base.length() + 1);
        return !port.isEmpty() && port.length() <= 5 && port.chars().allMatch(Character::isDigit);
    }

    /** Validates an allowed-origin pattern; returns an error message or null when valid. */
    public static String problemWith(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return "must not be blank";
        }
        String candidate = pattern.endsWith(":*") ? pattern.substring(0, pattern.length() - 2) : pattern;
        try {
            URI uri = new URI(candidate);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || (uri.getPath() != null && !uri.getPath().isEmpty()) || uri.getQuery() != null) {
                return "must be an origin such as https://example.com or http://localhost:*";
            }
        } catch (Exception e) {
            return "must be an origin such as https://example.com or http://localhost:*";
        }
        return null;
    }
}
