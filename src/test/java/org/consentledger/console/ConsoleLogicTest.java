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

    static final String STARTER = """
            {"cookie":{"name":"a_consent","maxAgeDays":180,"domain":null},"defaultLanguage":"de","languages":["de","en"],
             "links":{"privacyPolicy":{"de":"https://a.example/datenschutz","en":"https://a.example/privacy"}},
             "categories":[{"id":"essential","required":true,"title":{"de":"Nötig","en":"Needed"},"description":{"de":"d","en":"d"}},
                           {"id":"analytics","required":false,"title":{"de":"Statistik","en":"Analytics"},"description":{"de":"d","en":"d"}}],
             "services":[{"id":"clarity","category":"analytics","name":"Clarity","provider":"Microsoft","legalBasis":"consent",
                          "thirdCountryTransfer":"USA (EU-US Data Privacy Framework)","privacyPolicyUrl":"https://p.example",
                          "purpose":{"de":"Analyse","en":"Analysis"},"integrations":{"clarity":true},
                          "cookies":[{"name":"_clck","maxAge":"P1Y"},{"name":"_clsk","maxAge":"PT30M","thirdParty":true}]}],
             "integrations":{"googleConsentMode":{"analytics":["analytics_storage"]}},
             "texts":{"de":{"title":"T","body":"B","acceptAll":"A","rejectAll":"R","settings":"S"},
                      "en":{"title":"T","body":"B","acceptAll":"A","rejectAll":"R","settings":"S"}}}""";

    @Test
    void editorViewShowsChoicesInPlainWordsAndLifetimesAsNumberAndUnit() throws Exception {
        ObjectNode config = (ObjectNode) new ObjectMapper().readTree(STARTER);
        EditorModel.View view = EditorModel.view(config, Map.of(), false, java.util.Locale.GERMAN);
        assertEquals(List.of("de", "en"), view.languages().stream().map(EditorModel.Language::code).toList());
        assertEquals("texts.en.title", view.texts().get(0).inputs().get(1).name(), "texts side by side per language");
        EditorModel.ServiceView clarity = view.services().get(0);
        assertEquals("US", clarity.countries().stream().filter(EditorModel.Choice::selected).findFirst().get().value());
        assertEquals("dpf", clarity.mechanisms().stream().filter(EditorModel.Choice::selected).findFirst().get().value());
        assertEquals("Vereinigte Staaten", clarity.countries().stream().filter(c -> c.value().equals("US")).findFirst().get().label());
        assertEquals("1", clarity.cookies().get(0).amount().value());
        assertEquals("years", clarity.cookies().get(0).units().stream().filter(EditorModel.Choice::selected).findFirst().get().value());
        assertEquals("minutes", clarity.cookies().get(1).units().stream().filter(EditorModel.Choice::selected).findFirst().get().value());
        assertEquals("third", clarity.cookies().get(1).party().stream().filter(EditorModel.Choice::selected).findFirst().get().value());
        assertTrue(view.categories().get(1).consentMode().stream().anyMatch(b -> b.checked() && b.type().equals("analytics_storage")));
    }

    @Test
    void lifetimesAreStoredAsIso8601() {
        assertEquals("P13M", EditorModel.maxAge("13", "months"));
        assertEquals("PT30M", EditorModel.maxAge(" 30 ", "minutes"));
        assertEquals("P1Y", EditorModel.maxAge("1", "years"));
        assertEquals("session", EditorModel.maxAge("", "session"));
        assertEquals("one years", EditorModel.maxAge("one", "years"), "kept as typed for the validator to name");
        assertEquals(List.of("one", "years"), List.of(EditorModel.lifetime(new com.fasterxml.jackson.databind.node.TextNode("one years"))));
        assertEquals(List.of("P1Y6M", "iso"), List.of(EditorModel.lifetime(new com.fasterxml.jackson.databind.node.TextNode("P1Y6M"))));
    }

    @Test
    void applyingTheFormWritesTheConfigurationAndReportsUnknownFields() throws Exception {
        ObjectNode config = (ObjectNode) new ObjectMapper().readTree(STARTER);
        Map<String, List<String>> form = new java.util.LinkedHashMap<>();
        form.put("texts.en.title", List.of("Your privacy"));
        form.put("texts.de.reopen", List.of(""));
        form.put("services[0].privacyPolicyUrl", List.of(""));
        form.put("services[0].thirdCountryTransfer.country", List.of("GB"));
        form.put("services[0].thirdCountryTransfer.mechanism", List.of("adequacy"));
        form.put("services[0].integrations.clarity", List.of("false"));
        form.put("services[0].cookies[0].maxAge.amount", List.of("13"));
        form.put("services[0].cookies[0].maxAge.unit", List.of("months"));
        form.put("services[0].cookies[0].thirdParty", List.of("third"));
        form.put("categories[1].consentMode", List.of("", "analytics_storage", "ad_storage"));
        form.put("categories[1].gpcOptOut", List.of("false", "true"));
        EditorModel.Applied applied = EditorModel.apply(config, form);
        ObjectNode c = applied.content();
        assertEquals(List.of(), applied.unknownFields());
        ObjectNode noLifetime = EditorModel.apply(config, Map.of("services[0].cookies[1].maxAge.amount", List.of(""),
                "services[0].cookies[1].maxAge.unit", List.of("years"))).content();
        assertFalse(noLifetime.at("/services/0/cookies/1").has("maxAge"), "a lifetime left empty is not stored");
        assertEquals("Your privacy", c.at("/texts/en/title").asText());
        assertFalse(c.at("/texts/de").has("reopen"), "an optional text left empty is not stored");
        assertFalse(c.at("/services/0").has("privacyPolicyUrl"), "an optional link may stay empty");
        assertEquals("United Kingdom (adequacy decision)", c.at("/services/0/thirdCountryTransfer").asText());
        assertFalse(c.at("/services/0").has("integrations"));
        assertEquals("P13M", c.at("/services/0/cookies/0/maxAge").asText());
        assertTrue(c.at("/services/0/cookies/0/thirdParty").asBoolean());
        assertEquals("[\"analytics_storage\",\"ad_storage\"]", c.at("/integrations/googleConsentMode/analytics").toString());
        assertTrue(c.at("/categories/1/gpcOptOut").asBoolean(), "the checkbox after its hidden false wins");
        assertEquals(List.of(), org.consentledger.config.ConfigValidator.validate(c));
        assertEquals("P1Y", config.at("/services/0/cookies/0/maxAge").asText(), "the original stays untouched");

        EditorModel.Applied tampered = EditorModel.apply(config, Map.of("services[999999].name", List.of("x"),
                "services[0].nope", List.of("y"), "texts.en.title", List.of("T")));
        assertEquals(2, tampered.unknownFields().size(), tampered.unknownFields().toString());
    }

    @Test
    void actionsMoveEntriesAndAddOrRemoveLanguagesEverywhere() throws Exception {
        ObjectNode config = (ObjectNode) new ObjectMapper().readTree(STARTER);
        ObjectNode moved = EditorModel.act(config, "down:services[0].cookies[0]", null).content();
        assertEquals("_clsk", moved.at("/services/0/cookies/0/name").asText());
        assertEquals("services[0].cookies[1]", EditorModel.act(config, "down:services[0].cookies[0]", null).focus());
        assertEquals("analytics", EditorModel.act(config, "up:categories[1]", null).content().at("/categories/0/id").asText());
        assertEquals(config, EditorModel.act(config, "up:categories[0]", null).content(), "the first stays first");
        ObjectNode fr = EditorModel.act(config, "add-language", "FR").content();
        assertEquals("[\"de\",\"en\",\"fr\"]", fr.path("languages").toString());
        assertEquals("", fr.at("/categories/1/title/fr").asText());
        assertEquals("", fr.at("/texts/fr/title").asText());
        assertEquals("language-exists", EditorModel.act(config, "add-language", "de").problem());
        assertEquals("language-invalid", EditorModel.act(config, "add-language", "<x>").problem());
        ObjectNode withoutDe = EditorModel.act(config, "remove-language:de", null).content();
        assertEquals("en", withoutDe.path("defaultLanguage").asText());
        assertFalse(withoutDe.at("/categories/0/title").has("de"));
        assertFalse(withoutDe.path("texts").has("de"));
        assertFalse(withoutDe.at("/links/privacyPolicy").has("de"));
        assertEquals(List.of(), org.consentledger.config.ConfigValidator.validate(withoutDe));
        ObjectNode withService = EditorModel.act(config, "add:service", null).content();
        assertFalse(withService.at("/services/1").has("privacyPolicyUrl"));
        assertTrue(EditorModel.isAction("remove:services[2].cookies[1]"));
        assertFalse(EditorModel.isAction("remove:services[99999999]"));
        assertFalse(EditorModel.isAction("add:cookie:categories[0]"));
        assertEquals("services-2-cookie-1", EditorModel.anchor("services[2].cookies[1]"));
        assertEquals("services[2]", EditorModel.openEntry("services[2].cookies[1]"));
    }

    @Test
    void newEntriesWaitForTouchBeforeTheirErrorsShow() throws Exception {
        ObjectNode config = EditorModel.act((ObjectNode) new ObjectMapper().readTree(STARTER), "add:service", null).content();
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        org.consentledger.config.ConfigValidator.validate(config).forEach(e -> errors.put(e.field(), e.message()));
        assertTrue(errors.containsKey("services[1].name"), errors.toString());
        EditorModel.View quiet = EditorModel.view(config, errors, false, java.util.Locale.ENGLISH);
        assertEquals(0, quiet.shownErrors(), "nothing typed yet: no errors shown");
        assertTrue(quiet.pendingErrors() > 0);
        EditorModel.View saved = EditorModel.view(config, errors, true, java.util.Locale.ENGLISH);
        assertEquals(saved.pendingErrors(), 0);
        assertTrue(saved.services().get(1).name().showError());
        assertEquals(saved.shownErrors(), saved.services().get(1).errors());
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
