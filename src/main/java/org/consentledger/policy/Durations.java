package org.consentledger.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cookie lifetimes as people read them: "P1Y" is "1 Jahr" / "1 year", "session" is "Sitzung" / "session".
 * Mirrors the banner's duration texts (banner-js/src/i18n.js) so declaration and banner say the same. Pure logic.
 */
public final class Durations {

    private static final Pattern ISO = Pattern.compile(
            "P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");
    private static final String[][] DE = {{"Jahr", "Jahre"}, {"Monat", "Monate"}, {"Woche", "Wochen"}, {"Tag", "Tage"},
            {"Stunde", "Stunden"}, {"Minute", "Minuten"}, {"Sekunde", "Sekunden"}};
    private static final String[][] EN = {{"year", "years"}, {"month", "months"}, {"week", "weeks"}, {"day", "days"},
            {"hour", "hours"}, {"minute", "minutes"}, {"second", "seconds"}};

    private Durations() {
    }

    /** The lifetime in words; {@code null} or blank is "nicht angegeben" / "not specified"; anything unparsable as given. */
    public static String humanize(String maxAge, String language) {
        boolean de = "de".equals(language);
        if (maxAge == null || maxAge.isBlank()) {
            return de ? "nicht angegeben" : "not specified";
        }
        if ("session".equals(maxAge)) {
            return de ? "Sitzung" : "session";
        }
        if (maxAge.length() > 64) {
            return maxAge; // no ISO 8601 duration is that long: shown as given, never matched
        }
        Matcher m = ISO.matcher(maxAge);
        if (!m.matches() || maxAge.equals("P") || maxAge.endsWith("T")) {
            return maxAge;
        }
        String[][] units = de ? DE : EN;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < units.length; i++) {
            String value = m.group(i + 1);
            if (value != null) {
                long n = Long.parseLong(value);
                parts.add(n + " " + units[i][n == 1 ? 0 : 1]);
            }
        }
        return String.join(" ", parts);
    }
}
