package org.consentledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The review's rows named in words (German and English), from the changes {@link ReviewChanges} finds. */
class SettingLabelsTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static final String BEFORE = """
            {"languages": ["de", "en"], "defaultLanguage": "de",
             "cookie": {"name": "cl_consent", "maxAgeDays": 180, "domain": null},
             "links": {"privacyPolicy": {"de": "https://example.com/datenschutz", "en": "https://example.com/privacy"}},
             "controller": {"name": "Bäckerei Müller", "email": "info@example.com"},
             "categories": [
               {"id": "essential", "required": true, "title": {"de": "Notwendig", "en": "Essential"},
                "description": {"de": "Für den Betrieb", "en": "For running the site"}},
               {"id": "analytics", "title": {"de": "Statistik", "en": "Statistics"},
                "description": {"de": "Zählt Besuche", "en": "Counts visits"}}],
             "services": [
               {"id": "service-3", "category": "analytics", "name": "Microsoft Clarity", "provider": "Microsoft",
                "legalBasis": "consent", "purpose": {"de": "Heatmaps", "en": "Heatmaps"},
                "cookies": [{"name": "_clsk", "maxAge": "P1D"}, {"name": "_clck", "maxAge": "P1Y", "thirdParty": false}]},
               {"id": "matomo", "category": "analytics", "name": "Matomo", "provider": "InnoCraft",
                "legalBasis": "consent", "cookies": [{"name": "_pk_id.*", "maxAge": "P13M"}]}],
             "texts": {"de": {"title": "Cookies", "acceptAll": "Alle akzeptieren"},
                       "en": {"title": "Cookies", "acceptAll": "Accept all"}},
             "ui": {"floatingButton": true}}
            """;

    /** Services in another order, Matomo removed, a shop service added, Clarity's cookies changed, texts reworded. */
    static final String AFTER = """
            {"languages": ["de", "en"], "defaultLanguage": "de",
             "cookie": {"name": "cl_consent", "maxAgeDays": 90, "domain": null},
             "links": {"privacyPolicy": {"de": "https://example.com/datenschutz", "en": "https://example.com/en/privacy"}},
             "controller": {"name": "Bäckerei Müller GmbH", "email": "info@example.com"},
             "categories": [
               {"id": "essential", "required": true, "title": {"de": "Notwendig", "en": "Essential"},
                "description": {"de": "Für den Betrieb", "en": "For running the site"}},
               {"id": "analytics", "title": {"de": "Statistik", "en": "Statistics"},
                "description": {"de": "Zählt Besuche und Klicks", "en": "Counts visits and clicks"}}],
             "services": [
               {"id": "shop", "category": "essential", "name": "Shop", "provider": "Bäckerei Müller",
                "legalBasis": "contract", "cookies": [{"name": "cart", "maxAge": "P7D"}]},
               {"id": "service-3", "category": "analytics", "name": "Microsoft Clarity", "provider": "Microsoft",
                "legalBasis": "consent", "purpose": {"de": "Heatmaps", "en": "Heatmaps"},
                "cookies": [{"name": "_clsk", "maxAge": "P1D"}, {"name": "_clck", "maxAge": "P13M", "thirdParty": true}]}],
             "texts": {"de": {"title": "Cookies", "acceptAll": "Alle annehmen"},
                       "en": {"title": "Cookies", "acceptAll": "Accept everything"}},
             "ui": {"floatingButton": true, "showCloseButton": true}}
            """;

    @Test
    void everyChangedRowIsNamedInEnglishWords() throws Exception {
        Map<String, String> rows = rows("en");
        assertEquals("P13M", rows.get("Service “Microsoft Clarity” › Cookie “_clck” › Lifetime"),
                "the cookie by its name, the service by its title, not by list position: " + rows.keySet());
        assertEquals("true", rows.get("Service “Microsoft Clarity” › Cookie “_clck” › Set by"));
        assertEquals("Counts visits and clicks", rows.get("Category “Statistics” › Description (English)"));
        assertEquals("Zählt Besuche und Klicks", rows.get("Category “Statistics” › Description (German)"));
        assertEquals("Accept everything", rows.get("Banner text (English) › Button: accept all"));
        assertEquals("Alle annehmen", rows.get("Banner text (German) › Button: accept all"));
        assertEquals("https://example.com/en/privacy", rows.get("Link to your privacy policy (English)"));
        assertEquals("Bäckerei Müller GmbH", rows.get("Who is responsible (controller) › Name"));
        assertEquals("90", rows.get("Cookie that stores the visitor's choice › Lifetime in days"));
        assertEquals("contract", rows.get("Service “Shop” › Legal basis"), "an added service by its name");
        assertEquals("P7D", rows.get("Service “Shop” › Cookie “cart” › Lifetime"), "an added service's cookie");
        assertEquals("true", rows.get("Display › Setting “Show close button”"), "an unknown key in words");
        assertTrue(rows.containsKey("Service “Matomo” › Cookie “_pk_id.*” › Lifetime"),
                "a removed service by its name in the older configuration: " + rows.keySet());
        assertFalse(rows.keySet().stream().anyMatch(k -> k.contains("service-3") || k.contains("services")
                || k.contains("maxAge") || k.contains("acceptAll") || k.contains("texts")), "no raw key: " + rows.keySet());
    }

    @Test
    void everyChangedRowIsNamedInGermanWords() throws Exception {
        Map<String, String> rows = rows("de");
        assertEquals("P13M", rows.get("Dienst „Microsoft Clarity“ › Cookie „_clck“ › Laufzeit"), rows.keySet().toString());
        assertEquals("true", rows.get("Dienst „Microsoft Clarity“ › Cookie „_clck“ › Gesetzt von"));
        assertEquals("Zählt Besuche und Klicks", rows.get("Kategorie „Statistik“ › Beschreibung (Deutsch)"));
        assertEquals("Accept everything", rows.get("Bannertext (Englisch) › Schaltfläche: alle akzeptieren"));
        assertEquals("https://example.com/en/privacy", rows.get("Link zu Ihrer Datenschutzerklärung (Englisch)"));
        assertEquals("Bäckerei Müller GmbH", rows.get("Verantwortliche Stelle › Name"));
        assertEquals("90", rows.get("Cookie, das die Auswahl der Besucher speichert › Laufzeit in Tagen"));
        assertEquals("contract", rows.get("Dienst „Shop“ › Rechtsgrundlage"));
        assertEquals("true", rows.get("Darstellung › Einstellung „Show close button“"));
        assertTrue(rows.containsKey("Dienst „Matomo“ › Cookie „_pk_id.*“ › Laufzeit"), rows.keySet().toString());
    }

    @Test
    void additionsAndRemovalsAreNamedByTheSideThatHasThem() throws Exception {
        JsonNode before = MAPPER.readTree(BEFORE);
        ObjectNode after = (ObjectNode) MAPPER.readTree(AFTER);
        // the category renamed: its rows carry the new title; Matomo only exists before, Shop only after
        ((ObjectNode) after.path("categories").get(1).path("title")).put("en", "Audience measurement");
        SettingLabels en = labels(before, after, "en");
        assertEquals("Category “Audience measurement” › Title (English)", en.of(List.of("categories", "analytics", "title", "en")));
        assertEquals("Service “Matomo” › Provider (company and address)", en.of(List.of("services", "matomo", "provider")));
        assertEquals("Service “Shop” › Technical id", en.of(List.of("services", "shop", "id")));
        assertEquals("Category “Audience measurement” › Google Consent Mode: signals granted with this category",
                en.of(List.of("integrations", "googleConsentMode", "analytics")));
        assertEquals("Dienst „Matomo“ › Anbieter (Firma und Anschrift)",
                labels(before, after, "de").of(List.of("services", "matomo", "provider")));
    }

    @Test
    void unknownSettingsFallBackToWordsNeverToTheRawKey() throws Exception {
        JsonNode before = MAPPER.readTree(BEFORE);
        JsonNode after = MAPPER.readTree(AFTER);
        SettingLabels en = labels(before, after, "en");
        SettingLabels de = labels(before, after, "de");
        assertEquals("Setting “Cookie wall mode”", en.of(List.of("cookieWallMode")));
        assertEquals("Einstellung „Cookie wall mode“", de.of(List.of("cookieWallMode")));
        assertEquals("Service “Microsoft Clarity” › Setting “Retention hint”", en.of(List.of("services", "service-3", "retention_hint")));
        assertEquals("Banner text (English) › Setting “Close label”", en.of(List.of("texts", "en", "closeLabel")));
        assertEquals("Service “unknown-id” › Name", en.of(List.of("services", "unknown-id", "name")),
                "a service no configuration names keeps its id");
    }

    @Test
    void reorderedListsAreNoChangeAndEmptyListsNoRow() throws Exception {
        ObjectNode before = (ObjectNode) MAPPER.readTree(AFTER);
        ObjectNode after = before.deepCopy();
        after.withArray("services").insert(0, after.withArray("services").remove(1));
        assertEquals(List.of(), ReviewChanges.between(before, after), "services in another order");
        ObjectNode shopWithout = before.deepCopy();
        ((ObjectNode) shopWithout.withArray("services").get(0)).putArray("cookies");
        assertEquals(List.of(new ReviewChanges.Change(List.of("services", "shop", "cookies", "cart", "name"), null, "cart"),
                        new ReviewChanges.Change(List.of("services", "shop", "cookies", "cart", "maxAge"), null, "P7D")),
                ReviewChanges.between(shopWithout, before), "the first cookie added: its rows, no emptied list");
    }

    private static Map<String, String> rows(String lang) throws Exception {
        JsonNode before = MAPPER.readTree(BEFORE);
        JsonNode after = MAPPER.readTree(AFTER);
        SettingLabels labels = labels(before, after, lang);
        return ReviewChanges.between(before, after).stream().collect(Collectors.toMap(c -> labels.of(c.path()),
                c -> c.after() == null ? "(removed) " + c.before() : c.after()));
    }

    private static SettingLabels labels(JsonNode before, JsonNode after, String lang) {
        return new SettingLabels(before, after, lang, BundleTexts.of(EditorMessages.class, "ed", lang),
                BundleTexts.of(OnboardingMessages.class, "cl", lang));
    }
}
