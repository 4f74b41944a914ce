package org.consentledger.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's pure logic: sparkline and bar geometry, editor fields, language choice. */
class ConsoleLogicTest {

    @Test
    void sparklineMapsRatesIntoTheBoxAndBreaksAtMissingDays() {
        Sparkline s = Sparkline.of(Arrays.asList(1.0, 0.0, null, 0.5), 32, 14);
        // x: margin 2, step (32 - 4) / 3 = 9.33; y: 1.0 at the top margin, 0.0 at the bottom margin
        assertEquals(List.of(new Sparkline.Point(2, 2), new Sparkline.Point(11.33, 12), new Sparkline.Point(30, 7)),
                s.points());
        assertEquals("M2 2 L11.33 12 M30 7", s.path(), "a missing day lifts the pen");
        assertEquals("50 %", s.lastPercent());
    }

    @Test
    void sparklineWithoutDataIsEmptyAndValuesAreClamped() {
        Sparkline empty = Sparkline.of(Arrays.asList(null, null), 100, 20);
        assertEquals("", empty.path());
        assertNull(empty.last());
        assertEquals("–", empty.lastPercent());
        Sparkline single = Sparkline.of(List.of(1.7), 100, 20);
        assertEquals("M50 2", single.path(), "one day sits in the middle, clamped to 100 %");
    }

    @Test
    void barsStackSeriesBottomUpOnAReadableScale() {
        LocalDate d = LocalDate.of(2026, 11, 1);
        StackedBars.Chart chart = StackedBars.layout(List.of(new StackedBars.Day(d, 6, 2, 0, 0),
                new StackedBars.Day(d.plusDays(1), 0, 0, 0, 0)), 236, 124);
        // plot: x from 36, width 200, two slots of 100, bars 70 wide; y from 6 to 106 (height 100); scale max 8
        assertEquals(8, chart.max());
        assertEquals(2, chart.rects().size(), "zero counts draw nothing");
        StackedBars.Rect accepted = chart.rects().get(0);
        StackedBars.Rect rejected = chart.rects().get(1);
        assertEquals(new StackedBars.Rect(51, 31, 70, 75, "accepted", d, 6), accepted);
        assertEquals(new StackedBars.Rect(51, 6, 70, 25, "rejected", d, 2), rejected);
        assertEquals(106, chart.plotBottom());
        assertEquals(List.of(0L, 2L, 4L, 6L, 8L), chart.ticks().stream().map(StackedBars.Tick::value).toList());
        assertEquals(4, StackedBars.niceCeiling(0));
        assertEquals(20, StackedBars.niceCeiling(13));
        assertEquals(400, StackedBars.niceCeiling(301));
    }

    @Test
    void editorFieldsUseTheValidatorsPathsAndApplyKeepsJsonTypes() throws Exception {
        ObjectNode config = (ObjectNode) new ObjectMapper().readTree("""
                {"languages":["de","en"],"categories":[{"id":"essential","required":true,"title":{"de":"Nötig","en":"Needed"}}],
                 "services":[{"id":"clarity","category":"analytics","cookies":[{"name":"_clck","maxAge":"P1Y"}]}]}""");
        List<EditorForm.Group> groups = EditorForm.groups(config);
        assertEquals(List.of("category", "service", "cookie"), groups.stream().map(EditorForm.Group::kind).toList());
        assertEquals(List.of("categories[0].id", "categories[0].required", "categories[0].title.de",
                "categories[0].title.en"), groups.get(0).fields().stream().map(EditorForm.Field::path).toList());
        assertEquals(List.of("services[0].id", "services[0].category"),
                groups.get(1).fields().stream().map(EditorForm.Field::path).toList(), "cookies get their own group");
        assertEquals("services[0].cookies[0].maxAge", groups.get(2).fields().get(1).path());
        assertTrue(groups.get(0).fields().get(1).bool());

        ObjectNode changed = EditorForm.apply(config, Map.of("categories[0].title.en", "Strictly necessary",
                "categories[0].required", "false", "services[0].cookies[0].maxAge", "P6M", "nope[3].x", "ignored"));
        assertEquals("Strictly necessary", changed.at("/categories/0/title/en").asText());
        assertTrue(changed.at("/categories/0/required").isBoolean());
        assertEquals("P6M", changed.at("/services/0/cookies/0/maxAge").asText());
        assertEquals("Needed", config.at("/categories/0/title/en").asText(), "the original stays untouched");
    }

    @Test
    void addAndRemoveEntriesWithEmptyTextsPerLanguageAndFreeIds() throws Exception {
        ObjectNode config = (ObjectNode) new ObjectMapper().readTree("""
                {"languages":["de","en"],"categories":[{"id":"essential","required":true},{"id":"analytics","required":false}],
                 "services":[{"id":"service-2","category":"analytics","cookies":[{"name":"_a"},{"name":"_b"}]}]}""");
        ObjectNode withService = EditorForm.add(config, EditorForm.ADD_SERVICE);
        assertEquals("service-3", withService.at("/services/1/id").asText(), "the id is not taken yet");
        assertEquals("analytics", withService.at("/services/1/category").asText(), "first optional category");
        assertEquals("{\"de\":\"\",\"en\":\"\"}", withService.at("/services/1/purpose").toString());
        ObjectNode withCategory = EditorForm.add(config, EditorForm.ADD_CATEGORY);
        assertEquals("category-3", withCategory.at("/categories/2/id").asText());
        assertFalse(withCategory.at("/categories/2/required").asBoolean());
        ObjectNode withCookie = EditorForm.add(config, "cookie:services[0]");
        assertEquals(3, withCookie.at("/services/0/cookies").size());
        assertEquals(config, EditorForm.add(config, "cookie:services[7]"), "no such service: nothing changes");

        assertEquals("_b", EditorForm.remove(config, "services[0].cookies[0]").at("/services/0/cookies/0/name").asText());
        assertEquals(0, EditorForm.remove(config, "services[0]").path("services").size());
        assertEquals(1, EditorForm.remove(config, "categories[0]").path("categories").size());
        assertEquals(config, EditorForm.remove(config, "texts.de"), "only entries can be removed");
        assertEquals(2, config.path("categories").size(), "the original stays untouched");
    }

    @Test
    void languageFromCookieThenAcceptLanguageThenEnglish() {
        assertEquals("de", ConsoleLanguage.choose("de", "en-US"));
        assertEquals("de", ConsoleLanguage.choose(null, "fr-FR, de-CH;q=0.8, en;q=0.5"));
        assertEquals("en", ConsoleLanguage.choose("xx", "fr"));
        assertEquals("en", ConsoleLanguage.choose(null, ";;;"));
    }
}
