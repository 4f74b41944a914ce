package org.consentledger.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.consentledger.operator.StatsService;
import org.consentledger.operator.VisitorQuery;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pure logic of the logs, audit, dashboard and data-subject pages (issue #12 items 5, 7, 9). */
class PagesLogicTest {

    static final LocalDate DAY = LocalDate.of(2026, 12, 3);

    @Test
    void filterCheckNamesEveryProblemByItsMessageKey() {
        assertEquals(List.of("err_to_before_from"), new FilterCheck().dates("2026-11-20", "2026-11-10").errors());
        assertTrue(new FilterCheck().dates("2026-11-10", "2026-11-10").ok(), "one day: from = to is fine");
        assertEquals(List.of("err_date_from", "err_date_to"), new FilterCheck().dates("gestern", "1969-12-31").errors());
        assertEquals(List.of("err_prefix_short"), new FilterCheck().visitor("abc").errors());
        assertEquals(List.of("err_prefix_chars"), new FilterCheck().visitor("abc'd").errors());
        assertEquals(List.of("err_action_prefix"), new FilterCheck().actionPrefix("account create").errors());
        CategoryTitles titles = titles();
        assertEquals(List.of("err_unknown_category"), new FilterCheck().category("Statistik", null, titles).errors());
        assertEquals(List.of("err_decision_needs_category"), new FilterCheck().category(null, "granted", titles).errors());
    }

    @Test
    void categoryTitlesFollowTheLanguageAndKeepOldCategories() throws Exception {
        CategoryTitles de = titles();
        assertEquals("Statistik", de.title("analytics"));
        assertEquals("Statistik (analytics)", de.all().get(1).label());
        assertEquals("legacy", de.title("legacy"), "a category of an older version only: its id");
        assertEquals("Old title", de.title("old"), "from an older version, English when German is missing");
        assertTrue(de.required("essential"));
    }

    @Test
    void optInIsPerOptionalCategoryWithCountsAndReadsWithOneDay() {
        List<StatsService.DayCategory> days = List.of(
                new StatsService.DayCategory(DAY, "essential", 4, 0, 0, 0, 1.0),
                new StatsService.DayCategory(DAY, "analytics", 3, 1, 1, 0, 0.75),
                new StatsService.DayCategory(DAY, "marketing", 1, 3, 1, 0, 0.25));
        List<OptInSummary.CategoryOptIn> optIns = OptInSummary.of(days, titles(), DAY.minusDays(6), DAY, Locale.ENGLISH, 120, 28);
        assertEquals(List.of("analytics", "marketing", "old"), optIns.stream().map(OptInSummary.CategoryOptIn::id).toList(),
                "required categories have no opt-in");
        assertEquals("75%", optIns.get(0).percent());
        assertEquals(4, optIns.get(0).decided());
        assertEquals("–", optIns.get(2).percent(), "nobody decided");
        Sparkline one = optIns.get(0).spark();
        assertEquals(1, one.days());
        assertEquals("M2 8 L118 8", one.level(), "one day: a level line across the whole width");
        assertEquals("", Sparkline.of(java.util.Arrays.asList(0.5, 0.7), 120, 28).level(), "two days: the line itself");
        assertTrue(OptInSummary.percent(3, 1, Locale.GERMAN).matches("75[\u00a0\u202f ]%"));
    }

    @Test
    void dateRangeDefaultsLimitsAndFormatsPerLanguage() {
        DateRange def = DateRange.of(null, null, null, DAY);
        assertEquals(30, def.days());
        assertEquals(DAY, def.to());
        assertEquals(7, DateRange.of(null, null, 7, DAY).days());
        assertEquals(List.of("err_range_long"), DateRange.of(null, null, 900, DAY).problems());
        assertEquals(List.of("err_range_long"), DateRange.of("2020-01-01", "2026-01-01", null, DAY).problems());
        assertEquals(List.of("err_to_before_from"), DateRange.of("2026-12-03", "2026-12-01", null, DAY).problems());
        assertEquals("12/3", DateRange.shortLabel(DAY, Locale.ENGLISH));
        assertEquals("3.12.", DateRange.shortLabel(DAY, Locale.GERMAN));
        assertEquals("03.12.2026", DateRange.format(DAY, Locale.GERMAN));
        assertEquals("3 Dec 2026", DateRange.format(DAY, Locale.UK));
        StackedBars.Chart chart = StackedBars.layout(List.of(new StackedBars.Day(DAY, 1, 0, 0, 0)), 200, 100,
                d -> DateRange.shortLabel(d, Locale.ENGLISH));
        assertEquals("12/3", chart.labels().get(0).text());
    }

    @Test
    void visitorQueriesAreRecognised() {
        String consent = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
        assertEquals(new VisitorQuery(VisitorQuery.Kind.RECEIPT, consent),
                VisitorQuery.parse(" https://cmp.example/api/v1/receipts/" + consent.toUpperCase() + "?lang=de "));
        assertEquals(VisitorQuery.Kind.WHOLE, VisitorQuery.parse(consent).kind());
        assertEquals(VisitorQuery.Kind.PREFIX, VisitorQuery.parse("0f1e2d3c").kind());
        assertEquals(VisitorQuery.Kind.INVALID, VisitorQuery.parse("0f1").kind());
        assertEquals(VisitorQuery.Kind.INVALID, VisitorQuery.parse("x' OR 1=1").kind());
        assertEquals(VisitorQuery.Kind.INVALID, VisitorQuery.parse("https://cmp.example/other/" + consent).kind());
    }

    @Test
    void truncatedAddressesAreShownAsTheirNetwork() {
        assertEquals("203.0.113.0/24", IpDisplay.cidr("203.0.113.0"));
        assertEquals("2001:db8:1::/48", IpDisplay.cidr("2001:db8:1::"));
        assertEquals("", IpDisplay.cidr(null));
        assertEquals("10.0.0.0/8", IpDisplay.cidr("10.0.0.0/8"));
    }

    private static CategoryTitles titles() {
        ObjectMapper m = new ObjectMapper();
        try {
            return CategoryTitles.of(List.of(
                    m.readTree("{\"categories\":[{\"id\":\"essential\",\"required\":true,\"title\":{\"de\":\"Notwendig\",\"en\":\"Essential\"}},"
                            + "{\"id\":\"analytics\",\"title\":{\"de\":\"Statistik\",\"en\":\"Analytics\"}},"
                            + "{\"id\":\"marketing\",\"title\":{\"de\":\"Marketing\",\"en\":\"Marketing\"}}]}"),
                    m.readTree("{\"categories\":[{\"id\":\"old\",\"title\":{\"en\":\"Old title\"}}]}")), "de");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
