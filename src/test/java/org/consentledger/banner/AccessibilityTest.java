package org.consentledger.banner;

import org.consentledger.platform.Chromium;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.ReducedMotion;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 4 item 10 (WCAG 2.2 AA) with COMPLIANCE banner 14; axe-core runs in the page. */
@QuarkusTest
class AccessibilityTest extends BannerBrowserTest {

    static final String ACTIVE = "() => { const h = document.activeElement; const a = h && h.shadowRoot ? h.shadowRoot.activeElement : h;"
            + " return a ? (a.getAttribute('role') || a.tagName) + ':' + (a.textContent || '').trim() : null; }";

    @Test
    void axeFindsNoViolationsOnEitherLayer() {
        String site = sites.newSite();
        Page page = open(context(), pageUrl(site));
        page.waitForTimeout(400);
        List<Map<String, Object>> first = Chromium.axeViolations(page);
        assertTrue(first.isEmpty(), "first layer: " + first);
        button(page, "Einstellungen").click();
        page.locator("#consentledger summary").all().forEach(Locator::click);
        page.waitForTimeout(400);
        List<Map<String, Object>> second = Chromium.axeViolations(page);
        assertTrue(second.isEmpty(), "second layer: " + second);
        Chromium.screenshot(page, "second-layer-expanded");
    }

    @Test
    void dialogSemanticsFocusInAndBackKeyboardOnlyAndEscNeverConsents() {
        String site = sites.newSite();
        Page page = open(context(), pageUrl(site));
        Locator dialog = dialog(page);
        assertEquals("Datenschutz bei Fixture", page.locator("#consentledger #cl-t").textContent());
        assertEquals("cl-t", dialog.getAttribute("aria-labelledby"));
        assertEquals("dialog:" + dialog.textContent().trim(), page.evaluate(ACTIVE), "focus moved into the banner");
        page.keyboard().press("Escape");
        assertTrue(dialog.isVisible(), "Esc does not consent or dismiss");
        assertNull(page.evaluate("() => ConsentLedger.getConsent()"));

        page.keyboard().press("Tab");
        page.keyboard().press("Tab");
        page.keyboard().press("Tab");
        page.keyboard().press("Tab");
        assertEquals("BUTTON:Alle ablehnen", page.evaluate(ACTIVE), "reachable by Tab");
        String outline = (String) page.locator("#consentledger button:focus-visible").evaluate(
                "b => getComputedStyle(b).outlineStyle + ' ' + getComputedStyle(b).outlineWidth");
        assertEquals("solid 3px", outline, "visible focus");
        page.keyboard().press("Enter");
        assertTrue(!dialog.isVisible(), "Enter on Reject all decides");

        page.focus("text=Cookie Settings");
        page.keyboard().press("Enter");
        page.waitForSelector("#consentledger [role=dialog]");
        assertTrue(((String) page.evaluate(ACTIVE)).startsWith("dialog:"), "focus moves into the settings");
        page.keyboard().press("Tab");
        assertEquals("BUTTON:×", page.evaluate(ACTIVE), "the close control first");
        page.keyboard().press("Tab");
        page.keyboard().press("Tab");
        page.keyboard().press("Tab");
        assertEquals("switch:", page.evaluate(ACTIVE), "essential switch, its service, then the analytics switch");
        page.keyboard().press("Space");
        assertEquals("true", page.locator("[role=switch][aria-labelledby=cl-c-analytics]").getAttribute("aria-checked"),
                "switch operable by keyboard");
        page.keyboard().press("Escape");
        assertEquals("A:Cookie Settings", page.evaluate(ACTIVE), "focus returns where it was");
        assertEquals(false, page.evaluate("() => ConsentLedger.getConsent().decisions.analytics"), "Esc changed nothing");
        page.keyboard().press("Tab");
        assertEquals("BUTTON:Privacy choices", page.evaluate(ACTIVE), "no keyboard trap");
    }

    @Test
    void targetsAreAtLeast24Px() {
        String site = sites.newSite();
        Page page = open(context(), pageUrl(site));
        button(page, "Einstellungen").click();
        page.locator("#consentledger summary").all().forEach(Locator::click);
        for (Locator target : page.locator("#consentledger button, #consentledger a, #consentledger summary").all()) {
            BoundingBox box = target.boundingBox();
            if (box != null) {
                assertTrue(box.width >= 24 && box.height >= 24, "target size " + box.width + "x" + box.height + ": " + target.textContent());
            }
        }
        // Not asserted here: the banner scrolls focused page content clear of itself (ui.js, focusin handler, checked
        // manually in Chromium); under Playwright for Java the check was not reliable yet (see report).
    }

    @Test
    void usableAt320PxAnd200PercentZoomAndRespectsReducedMotion() {
        String site = sites.newSite();
        for (int[] size : new int[][] {{320, 640}, {640, 360}}) {
            Browser.NewContextOptions options = new Browser.NewContextOptions().setViewportSize(size[0], size[1]);
            if (size[0] == 640) {
                options.setDeviceScaleFactor(2);
            }
            Page page = open(context(options), pageUrl(site));
            page.waitForTimeout(400);
            assertEquals(Boolean.TRUE, dialog(page).evaluate("d => d.scrollWidth <= d.clientWidth"), "no horizontal scrolling");
            for (String name : List.of("Alle akzeptieren", "Alle ablehnen", "Einstellungen")) {
                BoundingBox box = button(page, name).boundingBox();
                assertTrue(box.y >= 0 && box.y + box.height <= size[1] && box.x >= 0 && box.x + box.width <= size[0],
                        size[0] + "px: " + name + " on screen");
            }
            Chromium.screenshot(page, size[0] == 320 ? "first-layer-320px" : "first-layer-200-percent-zoom");
        }
        Page animated = open(context(), pageUrl(site));
        assertEquals("none", dialog(animated).evaluate("d => getComputedStyle(d).animationName"),
                "on screen from the first frame: no slide-in");
        Page calm = open(context(new Browser.NewContextOptions().setReducedMotion(ReducedMotion.REDUCE)), pageUrl(site));
        assertEquals("none", dialog(calm).evaluate("d => getComputedStyle(d).animationName"), "prefers-reduced-motion");
    }
}
