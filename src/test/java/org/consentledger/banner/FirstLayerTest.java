package org.consentledger.banner;

import org.consentledger.platform.Chromium;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 4 item 2 (first layer) with COMPLIANCE banner 1, 2, 3, 6 and 8. */
@QuarkusTest
class FirstLayerTest extends BannerBrowserTest {

    @Test
    void nothingOptionalHappensWhileTheBannerWaitsAndIdlingIsNotConsent() {
        String site = sites.newSite();
        BrowserContext context = context();
        Page page = open(context, pageUrl(site));
        page.mouse().wheel(0, 800);
        page.keyboard().press("Escape");
        page.waitForTimeout(1500);
        assertTrue(dialog(page).isVisible(), "scrolling, waiting and Esc leave the banner up");
        assertEquals(Map.of("essential", 1), effects(page), "only the essential gated script ran");
        assertTrue(context.cookies().isEmpty(), "no cookie at all before a choice: " + context.cookies());
        assertTrue(storageKeys(page).isEmpty(), "no storage entry before a choice: " + storageKeys(page));
        assertEquals(0, FixturePageResource.hits(site, "frame.html"), "gated iframe not loaded");
        assertEquals(0, FixturePageResource.hits(site, "pixel.gif"), "gated pixel not loaded");
        assertEquals(0, FixturePageResource.hits(site, "src.js"), "gated script not fetched");
        assertNull(page.evaluate("() => ConsentLedger.getConsent()"), "undecided");
        assertTrue(consentPosts.isEmpty(), "no event recorded for doing nothing");
    }

    @Test
    void firstLayerNamesControllerPurposesRecipientsTransferWithdrawalAndLinksWithoutScrolling() {
        String site = sites.newSite();
        for (int[] size : new int[][] {{1280, 720}, {390, 844}}) {
            BrowserContext context = context(new Browser.NewContextOptions().setViewportSize(size[0], size[1]));
            Page page = open(context, pageUrl(site));
            page.waitForTimeout(400);
            String text = dialog(page).innerText();
            for (String expected : List.of("Datenschutz bei Fixture", "Einwilligung", "Fixture GmbH", "Statistik",
                    "Marketing", "Microsoft Corporation", "Google Ireland Limited", "USA (EU-US DPF)", "widerrufen")) {
                assertTrue(text.contains(expected), size[0] + "px: first layer shows '" + expected + "'");
            }
            assertEquals("https://fixture.example/datenschutz",
                    page.getByText("Datenschutzerklärung").getAttribute("href"));
            assertEquals("https://fixture.example/impressum", page.getByText("Impressum").getAttribute("href"));
            for (Locator element : List.of(button(page, "Alle akzeptieren"), button(page, "Alle ablehnen"),
                    button(page, "Einstellungen"), page.getByText("Datenschutzerklärung"), page.getByText("Impressum"),
                    page.getByText("Fixture GmbH"), page.getByText("USA (EU-US DPF)"))) {
                BoundingBox box = element.boundingBox();
                assertTrue(box.y >= 0 && box.y + box.height <= size[1] && box.x + box.width <= size[0],
                        size[0] + "x" + size[1] + ": visible without scrolling: " + element);
            }
            Chromium.screenshot(page, "first-layer-" + size[0] + "x" + size[1]);
        }
    }

    @Test
    void acceptAndRejectAreEquallyProminentWithSufficientContrast() {
        String site = sites.newSite();
        Page page = open(context(), pageUrl(site));
        String style = "b => { const s = getComputedStyle(b); const r = b.getBoundingClientRect(); return [Math.round(r.width),"
                + " Math.round(r.height), s.fontSize, s.fontWeight, s.color, s.backgroundColor, s.paddingTop, s.borderTopWidth].join('|'); }";
        Object accept = button(page, "Alle akzeptieren").evaluate(style);
        Object reject = button(page, "Alle ablehnen").evaluate(style);
        assertEquals(accept, reject, "same size, font, padding and colours");
        String[] parts = ((String) accept).split("\\|");
        double contrast = Contrast.ratio(parts[4], parts[5]);
        assertTrue(contrast >= 4.5, "button text contrast " + contrast);
        assertEquals(parts[5], button(page, "Einstellungen").evaluate("b => getComputedStyle(b).backgroundColor"));
    }

    @Test
    void rejectAllLeavesAWorkingPageAndIsRecordedAsARefusal() {
        String site = sites.newSite();
        Page page = open(context(), pageUrl(site));
        button(page, "Alle ablehnen").click();
        assertFalse(dialog(page).isVisible(), "one click closes the banner");
        page.click("#page-button", new Page.ClickOptions().setTimeout(3000));
        assertEquals("added", page.textContent("#page-result"), "no cookie wall");
        page.waitForTimeout(500);
        assertEquals(Map.of("essential", 1), effects(page));
        JsonPath history = history(site, visitorId(page), 1);
        assertEquals("refused", history.getString("current.action"));
        assertEquals("reject-all", history.getString("current.method"));
        assertEquals(false, history.getBoolean("current.decisions.analytics"));
    }
}
