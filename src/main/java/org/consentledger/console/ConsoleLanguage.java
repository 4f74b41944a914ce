package org.consentledger.console;

import java.util.Locale;
import java.util.Set;

/** The console's language: the visitor's explicit choice (cookie), else the browser's Accept-Language, else English. */
public final class ConsoleLanguage {

    public static final Set<String> SUPPORTED = Set.of("de", "en");
    public static final String COOKIE = "cl_lang";

    private ConsoleLanguage() {
    }

    public static String choose(String cookieValue, String acceptLanguage) {
        if (cookieValue != null && SUPPORTED.contains(cookieValue)) {
            return cookieValue;
        }
        if (acceptLanguage != null) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    String primary = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                    if (SUPPORTED.contains(primary) && range.getWeight() > 0) {
                        return primary;
                    }
                }
            } catch (IllegalArgumentException malformed) {
                return "en";
            }
        }
        return "en";
    }
}
