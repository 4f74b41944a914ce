package org.consentledger.banner;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 4 item 8: Google Consent Mode v2, Microsoft Clarity consentv2, Global Privacy Control (COMPLIANCE 11-13). */
@QuarkusTest
class IntegrationsTest extends BannerBrowserTest {

    static final String DATA_LAYER = "() => JSON.stringify((window.dataLayer || []).map(a => Array.from(a)))";
    static final String CLARITY = "() => JSON.stringify(((window.clarity && window.clarity.q) || []).map(a => Array.from(a)))";
    static final String GPC = "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true})";
    static final String DEFAULT = "[\"consent\",\"default\",{\"ad_storage\":\"denied\",\"analytics_storage\":\"denied\","
            + "\"ad_user_data\":\"denied\",\"ad_personalization\":\"denied\",\"functionality_storage\":\"denied\","
            + "\"personalization_storage\":\"denied\",\"security_storage\":\"granted\",\"wait_for_update\":500}]";

    @Test
    void consentModeDefaultsDeniedBeforeAnyTagAndUpdatesOnEveryDecisionAndPageLoad() {
        String site = sites.newSite();
        BrowserContext context = context();
        Page page = open(context, pageUrl(site));
        assertEquals("[" + DEFAULT + "]", page.evaluate(DATA_LAYER), "only the default while undecided");

        button(page, "Einstellungen").click();
        page.locator("[role=switch][aria-labelledby=cl-c-analytics]").click();
        button(page, "Auswahl speichern").click();
        String update = "[\"consent\",\"update\",{\"ad_storage\":\"denied\",\"analytics_storage\":\"granted\","
                + "\"ad_user_data\":\"denied\",\"ad_personalization\":\"denied\",\"functionality_storage\":\"granted\","
                + "\"personalization_storage\":\"denied\",\"security_storage\":\"granted\"}]";
        assertEquals("[" + DEFAULT + "," + update + "]", page.evaluate(DATA_LAYER));

        Page next = open(context, pageUrl(site));
        assertEquals("[" + DEFAULT + "," + update + "]", next.evaluate(DATA_LAYER), "default then update from the stored state");
    }

    @Test
    void clarityGetsConsentV2OnGrantAndOnDeny() {
        String site = sites.newSite();
        BrowserContext context = context();
        Page page = open(context, pageUrl(site));
        assertEquals("[]", page.evaluate(CLARITY), "no signal before a decision");
        button(page, "Alle akzeptieren").click();
        assertEquals("[[\"consentv2\",{\"ad_Storage\":\"granted\",\"analytics_Storage\":\"granted\"}]]", page.evaluate(CLARITY));
        page.evaluate("() => ConsentLedger.rejectAll()");
        page.waitForFunction("() => window.clarity.q.length === 2");
        assertTrue(((String) page.evaluate(CLARITY)).endsWith(
                "[\"consentv2\",{\"ad_Storage\":\"denied\",\"analytics_Storage\":\"denied\"}]]"));

        Page other = open(context(), pageUrl(site));
        button(other, "Einstellungen").click();
        other.locator("[role=switch][aria-labelledby=cl-c-analytics]").click();
        button(other, "Auswahl speichern").click();
        assertEquals("[[\"consentv2\",{\"ad_Storage\":\"denied\",\"analytics_Storage\":\"granted\"}]]", other.evaluate(CLARITY));
    }

    @Test
    void globalPrivacyControlKeepsOptOutCategoriesDeniedSaysSoAndIsRecorded() {
        String site = sites.newSite();
        BrowserContext context = context();
        context.addInitScript(GPC);
        Page page = open(context, pageUrl(site));
        String text = dialog(page).innerText();
        assertTrue(text.contains("Global Privacy Control") && text.contains("Marketing"), "the banner says so: " + text);
        button(page, "Alle akzeptieren").click();
        JsonPath history = history(site, visitorId(page), 1);
        assertEquals(true, history.getBoolean("current.gpc"));
        assertEquals(true, history.getBoolean("current.decisions.analytics"));
        assertEquals(false, history.getBoolean("current.decisions.marketing"), "GPC opt-out category stays denied");

        BrowserContext truthy = context();
        truthy.addInitScript("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => 'true'})");
        Page notGpc = open(truthy, pageUrl(site));
        assertFalse(dialog(notGpc).innerText().contains("Global Privacy Control"), "only === true counts");
    }

    @Test
    void globalPrivacyControlDecidesWithoutAskingWhenEveryOptionalPurposeOptsOut() {
        ObjectNode config = BannerSites.fixtureConfig();
        ((ArrayNode) config.get("categories")).forEach(c -> {
            if (!c.get("required").asBoolean()) {
                ((ObjectNode) c).put("gpcOptOut", true);
            }
        });
        String site = sites.newSite(config);
        BrowserContext context = context();
        context.addInitScript(GPC);
        Page page = open(context, pageUrl(site));
        assertFalse(dialog(page).isVisible(), "nothing left to ask");
        JsonPath history = history(site, visitorId(page), 1);
        assertEquals("gpc", history.getString("current.method"));
        assertEquals("refused", history.getString("current.action"));
        assertEquals(true, history.getBoolean("current.gpc"));
    }
}
