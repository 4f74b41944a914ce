package org.consentledger.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pure logic of the cookie monitor: report rules, declared-name matching, path merging, aggregation, catalogue. */
class MonitorLogicTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode config() throws Exception {
        return MAPPER.readTree("""
                {"cookie":{"name":"site_consent"},
                 "categories":[{"id":"essential","required":true},{"id":"analytics","required":false}],
                 "services":[{"id":"app","category":"essential","cookies":[{"name":"SESSION"}]},
                             {"id":"ga","category":"analytics","cookies":[{"name":"_ga"},{"name":"_ga_*"}]}]}""");
    }

    @Test
    void declaredNamesAreExactOrPrefixPatternsAndEssentialOnesAreKnown() throws Exception {
        CookieMatcher m = new CookieMatcher(config());
        assertTrue(m.declared("_ga"));
        assertTrue(m.declared("_ga_ABC123"));
        assertFalse(m.declared("_gab"));
        assertFalse(m.declared("_gid"));
        assertTrue(m.declared("site_consent") && m.essential("site_consent"));
        assertTrue(m.essential("SESSION"));
        assertFalse(m.essential("_ga_X"));
        assertFalse(new CookieMatcher(null).declared("anything"));
    }

    @Test
    void reportRulesAcceptNamesAndPathsOnlyAndMergeDuplicates() {
        CookieReport ok = new CookieReport(3, "/de/preise", List.of(new CookieReport.Cookie("_ga", false),
                new CookieReport.Cookie("_ga", true)), List.of(new CookieReport.Host("CDN.Example.com:8443", true)));
        assertEquals(List.of(), ReportRules.check(ok));
        assertEquals(List.of(new ReportRules.Observation("cookie", "_ga", true),
                new ReportRules.Observation("host", "cdn.example.com:8443", true)), ReportRules.observations(ok));

        CookieReport bad = new CookieReport(0, "/p?q=1", List.of(new CookieReport.Cookie("a=b", null)),
                List.of(new CookieReport.Host("x y", true)));
        List<String> fields = ReportRules.check(bad).stream().map(e -> e.field()).toList();
        assertEquals(List.of("configVersion", "path", "cookies[0].name", "cookies[0].beforeDecision", "hosts[0].host"), fields);
        assertFalse(ReportRules.check(new CookieReport(1, "/a#frag", null, null)).isEmpty());
        assertFalse(ReportRules.check(new CookieReport(1, "no-slash", null, null)).isEmpty());
        assertFalse(ReportRules.check(new CookieReport(1, "/" + "a".repeat(600), null, null)).isEmpty());
        assertEquals(List.of(), ReportRules.check(new CookieReport(1, "/%C3%A4/x", null, List.of(new CookieReport.Host("[::1]:8080", true)))));
    }

    @Test
    void examplePathsStayDistinctAndBounded() {
        assertEquals(List.of("/a", "/b"), ExamplePaths.merge(List.of("/a"), List.of("/a", "/b")));
        assertEquals(5, ExamplePaths.merge(List.of("/1", "/2", "/3"), List.of("/4", "/5", "/6")).size());
        assertEquals(List.of("/a", "/b"), ExamplePaths.parse(ExamplePaths.format(List.of("/a", "/b"))));
        assertEquals(List.of(), ExamplePaths.parse(""));
    }

    @Test
    void aggregationSumsDaysAndSplitsUndeclaredHostsAndBeforeConsent() throws Exception {
        Instant t1 = Instant.parse("2026-11-01T10:00:00Z");
        Instant t2 = Instant.parse("2026-11-02T10:00:00Z");
        LocalDate d1 = LocalDate.of(2026, 11, 1);
        List<MonitorAggregation.Row> rows = List.of(
                new MonitorAggregation.Row("cookie", "_gid", d1, 3, 1, t1, t1, List.of("/a"), List.of("/a"), 1),
                new MonitorAggregation.Row("cookie", "_gid", d1.plusDays(1), 2, 0, t2, t2, List.of("/b"), List.of(), 2),
                new MonitorAggregation.Row("cookie", "_ga_XYZ", d1, 5, 2, t1, t1, List.of("/"), List.of("/"), 1),
                new MonitorAggregation.Row("cookie", "SESSION", d1, 9, 9, t1, t1, List.of("/"), List.of("/"), 1),
                new MonitorAggregation.Row("cookie", "after_only", d1, 1, 0, t1, t1, List.of("/"), List.of(), 1),
                new MonitorAggregation.Row("host", "px.tracker.example", d1, 4, 4, t1, t2, List.of("/"), List.of("/"), 1));
        List<MonitorAggregation.Entry> merged = MonitorAggregation.merge(rows, new CookieMatcher(config()));
        MonitorAggregation.Entry gid = merged.stream().filter(e -> e.name().equals("_gid")).findFirst().orElseThrow();
        assertEquals(5, gid.count());
        assertEquals(1, gid.beforeCount());
        assertEquals(t1, gid.firstSeen());
        assertEquals(t2, gid.lastSeen());
        assertEquals(List.of("/a", "/b"), gid.examplePaths());
        assertEquals(2, gid.configVersion());

        MonitorAggregation.Summary s = MonitorAggregation.summarise(merged, Set.of());
        assertEquals(List.of("_gid", "after_only"), s.undeclaredCookies().stream().map(MonitorAggregation.Entry::name).toList());
        assertEquals(List.of("px.tracker.example"), s.hosts().stream().map(MonitorAggregation.Entry::name).toList());
        // before consent: the declared but non-essential _ga_XYZ counts; the essential SESSION does not; most first
        assertEquals(List.of("px.tracker.example", "_ga_XYZ", "_gid"),
                s.beforeConsent().stream().map(MonitorAggregation.Entry::name).toList());

        MonitorAggregation.Summary ignored = MonitorAggregation.summarise(merged, Set.of("cookie:_gid", "host:px.tracker.example"));
        assertEquals(List.of("after_only"), ignored.undeclaredCookies().stream().map(MonitorAggregation.Entry::name).toList());
        assertEquals(List.of("_ga_XYZ"), ignored.beforeConsent().stream().map(MonitorAggregation.Entry::name).toList());
        assertEquals(2, ignored.ignored());
        assertEquals(LocalDate.of(2026, 11, 1), MonitorAggregation.rollupDay(LocalDate.of(2026, 11, 17)));
    }

    @Test
    void catalogueSuggestsExactNamesBeforeTheLongestPrefix() {
        String tsv = "# header\n_ga\t0\tGoogle Analytics\tAnalytics\t\t2 years\tP2Y\tGoogle\n"
                + "_g\t1\tShort\tMarketing\t\t1 day\tP1D\tX\n_ga_\t1\tGoogle Analytics\tAnalytics\t\t2 years\tP2Y\tGoogle\n";
        CookieCatalogue c = new CookieCatalogue(new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)));
        assertEquals("_ga", c.lookup("_ga").orElseThrow().name());
        assertEquals("_ga_", c.lookup("_ga_ABC").orElseThrow().name());
        assertEquals("_g", c.lookup("_gid").orElseThrow().name());
        assertTrue(c.lookup("nothing").isEmpty());
    }

    @Test
    void theBundledCatalogueHasTheOpenCookieDatabaseEntries() {
        CookieCatalogue c = new CookieCatalogue();
        assertTrue(c.size() > 2000, "entries: " + c.size());
        CookieCatalogue.Suggestion clck = c.lookup("_clck").orElseThrow();
        assertTrue(clck.platform().startsWith("Microsoft"), clck.platform());
        assertEquals("Analytics", clck.category());
        assertEquals("P1Y", clck.maxAge());
        assertEquals("P2Y", c.lookup("_ga").orElseThrow().maxAge());
    }

    @Test
    void addToConfigPutsTheCookieUnderTheChosenServiceInEveryLanguageOnce() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode content = (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(
                "{\"languages\":[\"de\",\"en\"],\"services\":[{\"id\":\"ga\"},{\"id\":\"app\",\"cookies\":[]}]}");
        assertTrue(DraftEdit.addCookie(content, "ga", "_gid", "PT24H", "Statistik"));
        assertTrue(DraftEdit.addCookie(content, "ga", "_gid", "P1Y", null));
        assertFalse(DraftEdit.addCookie(content, "nope", "_x", null, null));
        assertEquals("[{\"name\":\"_gid\",\"maxAge\":\"PT24H\",\"purpose\":{\"de\":\"Statistik\",\"en\":\"Statistik\"}}]",
                content.path("services").get(0).path("cookies").toString());
    }
}
