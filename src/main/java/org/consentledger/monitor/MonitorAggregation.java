package org.consentledger.monitor;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns stored rows (per day, kind and name) into what the console and the operator API show (pure; unit-tested):
 * one entry per name over the period; undeclared cookies (checked against the latest published configuration, so
 * a cookie added to the config leaves the list once published), third-party hosts, and the "before consent" list:
 * anything seen before the visitor decided except cookies declared as essential.
 */
public final class MonitorAggregation {

    /** Name of the row that counts new names beyond the top N of a site, day and kind. */
    public static final String OTHER = "(other)";

    /** A stored row. */
    public record Row(String kind, String name, LocalDate day, long count, long beforeCount, Instant firstSeen,
            Instant lastSeen, List<String> examplePaths, List<String> beforePaths, int configVersion) {
    }

    /** One name over the whole period. */
    public record Entry(String kind, String name, long count, long beforeCount, Instant firstSeen, Instant lastSeen,
            List<String> examplePaths, List<String> beforePaths, int configVersion, boolean declared, boolean essential) {
        public String key() {
            return key(kind, name);
        }

        public boolean beforeDecision() {
            return beforeCount > 0;
        }

        public static String key(String kind, String name) {
            return kind + ":" + name;
        }
    }

    /** What is shown; {@code ignored}: how many names are hidden because an operator ignored them. */
    public record Summary(List<Entry> undeclaredCookies, List<Entry> hosts, List<Entry> beforeConsent, int ignored) {
    }

    private MonitorAggregation() {
    }

    /** Sums the rows per kind and name; most seen first. */
    public static List<Entry> merge(List<Row> rows, CookieMatcher matcher) {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (Row r : rows) {
            boolean cookie = ReportRules.KIND_COOKIE.equals(r.kind()) && !OTHER.equals(r.name());
            Entry e = new Entry(r.kind(), r.name(), r.count(), r.beforeCount(), r.firstSeen(), r.lastSeen(),
                    r.examplePaths(), r.beforePaths(), r.configVersion(), cookie && matcher.declared(r.name()),
                    cookie && matcher.essential(r.name()));
            out.merge(e.key(), e, (a, b) -> new Entry(a.kind(), a.name(), a.count() + b.count(),
                    a.beforeCount() + b.beforeCount(), min(a.firstSeen(), b.firstSeen()), max(a.lastSeen(), b.lastSeen()),
                    ExamplePaths.merge(a.examplePaths(), b.examplePaths()), ExamplePaths.merge(a.beforePaths(), b.beforePaths()),
                    Math.max(a.configVersion(), b.configVersion()), a.declared(), a.essential()));
        }
        List<Entry> list = new ArrayList<>(out.values());
        list.sort(Comparator.comparingLong(Entry::count).reversed().thenComparing(Entry::name));
        return list;
    }

    /** Splits merged entries into the lists shown, leaving out ignored names ({@link Entry#key()} values). */
    public static Summary summarise(List<Entry> entries, Set<String> ignoredKeys) {
        List<Entry> cookies = new ArrayList<>();
        List<Entry> hosts = new ArrayList<>();
        List<Entry> before = new ArrayList<>();
        int ignored = 0;
        for (Entry e : entries) {
            if (ignoredKeys.contains(e.key())) {
                ignored++;
                continue;
            }
            boolean cookie = ReportRules.KIND_COOKIE.equals(e.kind());
            if (cookie && !e.declared()) {
                cookies.add(e);
            }
            if (!cookie) {
                hosts.add(e);
            }
            if (e.beforeDecision() && !e.essential()) {
                before.add(e);
            }
        }
        before.sort(Comparator.comparingLong(Entry::beforeCount).reversed().thenComparing(Entry::name));
        return new Summary(cookies, hosts, before, ignored);
    }

    /** The day a daily row is rolled up into: the first of its month. */
    public static LocalDate rollupDay(LocalDate day) {
        return day.withDayOfMonth(1);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
