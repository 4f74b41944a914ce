package org.consentledger.banner;

import org.consentledger.platform.Chromium;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 4 item 3 (second layer) with COMPLIANCE banner 4, 5 and 7. */
@QuarkusTest
class SecondLayerTest extends BannerBrowserTest {

    @Test
    void oneSwitchPerPurposeNothingPreTickedEssentialAlwaysOn() {
        String site = sites.newSite();
        Page page = open(context(), pageUrl(site));
        button(page, "Einstellungen").click();
        Locator switches = page.locator("#consentledger [role=switch]");
        assertEquals(5, switches.count(), "one switch per category and per consent-based optional service");
        assertEquals("false", page.locator("[role=switch][aria-labelledby=cl-s-clarity]").getAttribute("aria-checked"));
        assertEquals("false", page.locator("[role=switch][aria-labelledby=cl-s-adpixel]").getAttribute("aria-checked"));
        assertEquals("true", page.locator("[role=switch][aria-labelledby=cl-c-essential]").getAttribute("aria-checked"));
        assertEquals("true", page.locator("[role=switch][aria-labelledby=cl-c-essential]").getAttribute("aria-disabled"));
        assertEquals("false", page.locator("[role=switch][aria-labelledby=cl-c-marketing]").getAttribute("aria-checked"),
                "marketing starts off");
        assertEquals("mixed", page.locator("[role=switch][aria-labelledby=cl-c-analytics]").getAttribute("aria-checked"),
                "analytics is mixed: its consent service off, its legitimate-interest service not objected to");
        assertTrue(dialog(page).innerText().contains("Notwendig (Immer aktiv)"));
        page.locator("[role=switch][aria-labelledby=cl-c-essential]").click(new Locator.ClickOptions().setForce(true));
        assertEquals("true", page.locator("[role=switch][aria-labelledby=cl-c-essential]").getAttribute("aria-checked"),
                "essential cannot be switched off");
    }

    @Test
    void everyServiceShowsProviderPurposeCookiesLifetimesBasisTransferAndPrivacyLink() {
        String site = sites.newSite();
        Page page = open(context(), pageUrl(site));
        button(page, "Einstellungen").click();
        page.locator("#consentledger summary", new Page.LocatorOptions().setHasText("Microsoft Clarity")).click();
        page.locator("#consentledger summary", new Page.LocatorOptions().setHasText("Google Analytics 4")).click();
        String text = dialog(page).innerText();
        for (String expected : List.of("Microsoft Corporation, One Microsoft Way", "Analyse der Nutzung",
                "_clck", "CLID", "1 Jahr", "1 Tag", "Erstanbieter", "Drittanbieter (clarity.ms)",
                "können von dieser Website nicht gelöscht werden", "Einwilligung (Art. 6 Abs. 1 lit. a DSGVO)",
                "USA (EU-US DPF)", "_ga_*", "2 Jahre", "Google Ireland Limited")) {
            assertTrue(text.contains(expected), "second layer shows '" + expected + "'");
        }
        assertEquals("https://privacy.microsoft.com/privacystatement",
                page.getByText("Datenschutzhinweise von Microsoft Clarity").getAttribute("href"));
        Chromium.screenshot(page, "second-layer-de-1280x720");
    }

    @Test
    void legitimateInterestServicesCanBeObjectedToAndSaveRecordsTheChoice() {
        String site = sites.newSite();
        Page page = open(context(), pageUrl(site));
        button(page, "Einstellungen").click();
        page.locator("#consentledger summary", new Page.LocatorOptions().setHasText("Vercel Web Analytics")).click();
        assertTrue(dialog(page).innerText().contains("Berechtigtes Interesse"));
        Locator object = button(page, "Widersprechen: Vercel Web Analytics");
        assertEquals("false", object.getAttribute("aria-pressed"), "no objection preset either");
        Locator analytics = page.locator("[role=switch][aria-labelledby=cl-c-analytics]");
        analytics.click();
        assertEquals("true", analytics.getAttribute("aria-checked"), "the category switch turns all its services on");
        assertEquals("true", page.locator("[role=switch][aria-labelledby=cl-s-clarity]").getAttribute("aria-checked"));
        object.click();
        assertEquals("true", object.getAttribute("aria-pressed"));
        assertEquals("mixed", analytics.getAttribute("aria-checked"), "one service objected to: mixed");
        button(page, "Auswahl speichern").click();
        page.waitForFunction("() => window.__effects && window.__effects.src === 1");
        page.waitForTimeout(300);
        Map<String, Object> effects = effects(page);
        assertEquals(1, effects.get("inline"), "consented analytics ran");
        assertTrue(!effects.containsKey("vercel"), "objected legitimate-interest service did not run");
        assertTrue(!effects.containsKey("datasrc"), "marketing stayed off");
        JsonPath history = history(site, visitorId(page), 1);
        assertEquals("partial", history.getString("current.action"));
        assertEquals("save-settings", history.getString("current.method"));
        assertEquals(true, history.getBoolean("current.decisions.analytics"));
        assertEquals(false, history.getBoolean("current.decisions.marketing"));
    }
}
