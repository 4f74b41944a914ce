package org.consentledger.banner;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.consentledger.platform.Chromium;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 item 4 on the kibox demo page (Vercel Analytics and Speed Insights under legitimate interest): one model
 * for category and service decisions, gating by data-service, a stored record that never contradicts itself.
 */
@QuarkusTest
class KiboxLegitimateInterestTest extends BannerBrowserTest {

    private static final String RUNS = "() => Object.assign({}, window.demoServiceRuns || {})";

    private Page openDemo(BrowserContext context) {
        return open(context, base + "demo/kibox");
    }

    @Test
    void switchingTheCategoryOffObjectsToItsServicesBlocksThemAndIsStoredConsistently() {
        for (int[] size : new int[][] {{1366, 768}, {390, 844}}) {
            BrowserContext context = context(new Browser.NewContextOptions().setViewportSize(size[0], size[1]));
            Page page = openDemo(context);
            button(page, "Einstellungen").click();
            Locator category = page.locator("[role=switch][aria-labelledby=cl-c-analytics]");
            Locator objectAnalytics = button(page, "Widersprechen: Vercel Analytics");
            Locator objectSpeed = button(page, "Widersprechen: Vercel Speed Insights");
            assertEquals("true", category.getAttribute("aria-checked"), "legitimate interest: on until the visitor objects");
            assertEquals("false", objectAnalytics.getAttribute("aria-pressed"));
            category.click();
            assertEquals("false", category.getAttribute("aria-checked"));
            assertEquals("true", objectAnalytics.getAttribute("aria-pressed"), "switching the category off objects to its services");
            assertEquals("true", objectSpeed.getAttribute("aria-pressed"));
            page.locator("#consentledger #cl-s-kibox-site").click();
            String essential = page.locator("#consentledger details", new Page.LocatorOptions()
                    .setHas(page.locator("#cl-s-kibox-site"))).innerText();
            assertTrue(essential.contains("erforderlich") && !essential.contains("widersprechen"),
                    "the essential service shows no objection text: " + essential);
            Chromium.screenshot(page, "kibox-objection-" + size[0] + "x" + size[1]);
            button(page, "Auswahl speichern").click();
            page.waitForTimeout(300);
            assertEquals(Map.of(), page.evaluate(RUNS), "neither gated Vercel script ran");

            JsonPath history = history("kibox", visitorId(page), 1);
            assertEquals(false, history.getBoolean("current.decisions.analytics"));
            assertEquals(false, history.getBoolean("current.services.vercel-analytics"), "stored: objected");
            assertEquals(false, history.getBoolean("current.services.vercel-speed-insights"), "stored: objected");
            assertEquals("refused", history.getString("current.action"));
        }
    }

    @Test
    void savingTheSettingsUntouchedKeepsWhatTheyShow() {
        BrowserContext context = context();
        Page page = openDemo(context);
        button(page, "Einstellungen").click();
        assertEquals("true", page.locator("[role=switch][aria-labelledby=cl-c-analytics]").getAttribute("aria-checked"),
                "no objection yet: shown as on");
        button(page, "Auswahl speichern").click();
        page.waitForFunction("() => window.demoServiceRuns && window.demoServiceRuns['vercel-speed-insights'] === 1"
                + " && window.demoServiceRuns['vercel-analytics'] === 1");
        JsonPath history = history("kibox", visitorId(page), 1);
        assertEquals(true, history.getBoolean("current.decisions.analytics"), "saved as shown: not objected to");
        assertEquals(true, history.getBoolean("current.services.vercel-analytics"));
        assertEquals(true, history.getBoolean("current.services.vercel-speed-insights"));
    }

    @Test
    void objectingToOneServiceStopsOnlyItAndOffersAReload() {
        BrowserContext context = context();
        Page page = openDemo(context);
        button(page, "Alle akzeptieren").click();
        page.waitForFunction("() => window.demoServiceRuns && window.demoServiceRuns['vercel-speed-insights'] === 1"
                + " && window.demoServiceRuns['vercel-analytics'] === 1");
        page.click("footer a[data-consent-settings]");
        button(page, "Widersprechen: Vercel Analytics").click();
        assertEquals("mixed", page.locator("[role=switch][aria-labelledby=cl-c-analytics]").getAttribute("aria-checked"));
        button(page, "Auswahl speichern").click();
        assertTrue(page.locator("#consentledger [role=status]").innerText().contains("neu laden"),
                "the objected script ran already: the banner offers a reload");

        JsonPath history = history("kibox", visitorId(page), 2);
        assertEquals(true, history.getBoolean("current.decisions.analytics"), "one service still on: category granted");
        assertEquals(false, history.getBoolean("current.services.vercel-analytics"));
        assertEquals(true, history.getBoolean("current.services.vercel-speed-insights"));

        Page again = openDemo(context);
        again.waitForFunction("() => window.demoServiceRuns && window.demoServiceRuns['vercel-speed-insights'] === 1");
        again.waitForTimeout(300);
        assertNull(again.evaluate("() => window.demoServiceRuns['vercel-analytics']"), "the objected service stays blocked");
        assertEquals("läuft nicht", again.locator("#svc-vercel-analytics span").textContent());
    }
}
