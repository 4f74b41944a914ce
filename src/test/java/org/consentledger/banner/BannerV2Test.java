package org.consentledger.banner;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.consentledger.platform.Chromium;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 items 2 (mobile first layer), 6 (the visitor's own proof) and 7 (keyboard), at 1366x768 and 390x844 with
 * screenshots and axe-core on both layers.
 */
@QuarkusTest
class BannerV2Test extends BannerBrowserTest {

    @Test
    void mobileFirstLayerTakesAtMostAThirdWithEqualButtonsScrollCueAndNoAxeViolations() {
        String site = sites.newSite();
        for (int[] size : new int[][] {{1366, 768}, {390, 844}}) {
            Page page = open(context(new Browser.NewContextOptions().setViewportSize(size[0], size[1])), pageUrl(site));
            BoundingBox box = dialog(page).boundingBox();
            if (size[0] == 390) {
                assertTrue(box.height <= 0.35 * 844, "first layer " + box.height + " px of 844 (at most 35 %)");
                Locator region = page.locator("#consentledger .x");
                assertEquals(Boolean.TRUE, region.evaluate("r => r.scrollHeight > r.clientHeight && r.tabIndex === 0"),
                        "the text scrolls inside the layer and the region is keyboard-reachable");
                assertTrue(((String) region.evaluate("r => getComputedStyle(r).backgroundImage")).contains("radial-gradient"),
                        "a visible scroll cue (shadow at the edge)");
            }
            List<Double> widths = List.of("Alle akzeptieren", "Alle ablehnen", "Einstellungen").stream()
                    .map(n -> button(page, n).boundingBox().width).toList();
            assertEquals(1, widths.stream().distinct().count(), "equal buttons: " + widths);
            List<Double> heights = List.of("Alle akzeptieren", "Alle ablehnen", "Einstellungen").stream()
                    .map(n -> button(page, n).boundingBox().height).toList();
            assertEquals(1, heights.stream().distinct().count(), "no label wraps onto two lines: " + heights);
            assertTrue(Chromium.axeViolations(page).isEmpty(), size[0] + ": first layer " + Chromium.axeViolations(page));
            Chromium.screenshot(page, "v2-first-layer-" + size[0] + "x" + size[1]);
            button(page, "Einstellungen").click();
            page.locator("#consentledger summary").all().forEach(Locator::click);
            assertTrue(Chromium.axeViolations(page).isEmpty(), size[0] + ": settings " + Chromium.axeViolations(page));
            Chromium.screenshot(page, "v2-settings-" + size[0] + "x" + size[1]);
            button(page, "Schließen").click();
            assertTrue(button(page, "Alle akzeptieren").isVisible(), "closing the settings decides nothing: back to the first layer");
            assertEquals(null, page.evaluate("() => ConsentLedger.getConsent()"));
        }
    }

    @Test
    void floatingButtonNeverCoversThePageEnd() {
        String site = sites.newSite();
        Page page = open(context(new Browser.NewContextOptions().setViewportSize(390, 844)),
                base + "banner-test/long/" + site + "?link=false");
        button(page, "Alle ablehnen").click();
        Locator floating = button(page, "Cookie-Einstellungen");
        assertTrue(floating.isVisible(), "no settings link on this page: the floating button is there");
        page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)");
        page.waitForTimeout(100);
        BoundingBox f = floating.boundingBox();
        BoundingBox last = page.locator("#imprint").boundingBox();
        assertTrue(last.y + last.height <= f.y, "the last link (" + (last.y + last.height) + ") ends above the button (" + f.y + ")");
        Chromium.screenshot(page, "v2-floating-button-390x844");
    }

    @Test
    void settingsShowTheConsentIdAndLinkTheVisitorsOwnReceipt() {
        String site = sites.newSite();
        BrowserContext context = context();
        Page page = open(context, pageUrl(site));
        button(page, "Einstellungen").click();
        page.locator("[role=switch][aria-labelledby=cl-c-analytics]").click();
        button(page, "Widersprechen: Vercel Web Analytics").click();
        button(page, "Auswahl speichern").click();
        page.waitForFunction("k => !!localStorage.getItem(k)", "consentledger.receipt." + site);
        page.click("text=Cookie Settings");
        String consentId = history(site, visitorId(page), 1).getString("current.consentId");
        assertTrue(dialog(page).innerText().contains("Ihre Einwilligungs-ID: " + consentId), dialog(page).innerText());
        String href = button(page, "Schließen").page().getByText("Beleg ansehen").getAttribute("href");
        assertTrue(href.endsWith("/api/v1/receipts/" + consentId + "?lang=de"), href);

        long deadline = System.currentTimeMillis() + 15_000;
        while (!"sealed".equals(given().accept(ContentType.JSON).get(href.replace("?lang=de", "")).jsonPath().getString("status"))
                && System.currentTimeMillis() < deadline) {
            page.waitForTimeout(200);
        }
        Page receipt = context.newPage();
        receipt.navigate(href);
        String text = receipt.locator("main").innerText();
        for (String expected : List.of("Banner, dem Sie teilweise zugestimmt haben", "Statistik", "Marketing",
                "teilweise eingewilligt", "Auswahl in den Einstellungen gespeichert", "Ihre Widersprüche (Art. 21 DSGVO)",
                "Vercel Web Analytics", "Widerspruch eingelegt", "Position im Protokoll: 1 /")) {
            assertTrue(text.contains(expected), "receipt shows '" + expected + "': " + text);
        }
        assertTrue(text.matches("(?s).*\\d{2}\\.\\d{2}\\.\\d{4}, \\d{2}:\\d{2}:\\d{2} \\(UTC\\).*"), "time to the second: " + text);
        assertTrue(!text.contains("withdraw") && !text.contains("analytics"), "no English action words or raw ids");
        Chromium.screenshot(receipt, "v2-receipt-de");

        page.bringToFront();
        button(page, "Alle ablehnen").click();
        String refusal = history(site, visitorId(page), 2).getString("current.consentId");
        given().accept(ContentType.HTML).get("/api/v1/receipts/{id}?lang=de", refusal).then().statusCode(200)
                .body(containsString("Banner, bei dem Sie widerrufen haben")).body(containsString("Einwilligung widerrufen"));
        given().accept(ContentType.HTML).get("/api/v1/receipts/{id}?lang=en", "00000000-0000-4000-8000-000000000000")
                .then().statusCode(404).contentType(containsString("text/html")).body(containsString("Receipt not found"));
        given().accept(ContentType.JSON).get("/api/v1/receipts/{id}", "00000000-0000-4000-8000-000000000000")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void noDeadTabStopAfterTheLastButtonAndFocusReturnsAfterSaving() {
        String site = sites.newSite();
        Page page = open(context(), pageUrl(site));
        button(page, "Einstellungen").focus();
        page.keyboard().press("Tab");
        Map<?, ?> active = (Map<?, ?>) page.evaluate("() => ({tag: document.activeElement.tagName, inBanner: document.activeElement.id === 'consentledger'})");
        assertTrue(!"BODY".equals(active.get("tag")) && !Boolean.TRUE.equals(active.get("inBanner")),
                "Tab after the last banner button lands on page content, not on body: " + active);
        page.focus("text=Cookie Settings");
        page.keyboard().press("Enter");
        page.waitForSelector("#consentledger [role=dialog]");
        button(page, "Auswahl speichern").click();
        assertEquals("A:Cookie Settings", page.evaluate(AccessibilityTest.ACTIVE), "focus back on the control that opened the layer");
    }
}
