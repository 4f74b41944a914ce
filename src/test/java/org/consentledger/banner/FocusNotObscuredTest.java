package org.consentledger.banner;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ReducedMotion;
import io.quarkus.test.junit.QuarkusTest;
import org.consentledger.platform.Chromium;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WCAG 2.2 SC 2.4.11 Focus Not Obscured (Minimum), COMPLIANCE banner 14. The banner is a non-modal dialog: while
 * it waits for a decision the visitor may Tab out of it into the page, so every page element that receives keyboard
 * focus must stay at least partly visible, not hidden behind the banner fixed at the bottom. Checked with
 * elementFromPoint on a grid over the focused element's on-screen box: at least one point must hit the element
 * itself rather than the banner. Deterministic: reduced motion (no slide-in), two animation frames after each Tab
 * for the banner's focus handler to scroll, no timeouts.
 */
@QuarkusTest
class FocusNotObscuredTest extends BannerBrowserTest {

    /** How much of the focused element is visible: grid points hitting it, of those on screen. */
    static final String VISIBILITY = "() => { const el = document.activeElement;"
            + " if (!el || el === document.body || el.id === 'consentledger') return null;"
            + " const r = el.getBoundingClientRect();"
            + " const x0 = Math.max(r.left, 0), x1 = Math.min(r.right, innerWidth), y0 = Math.max(r.top, 0), y1 = Math.min(r.bottom, innerHeight);"
            + " let hits = 0, points = 0;"
            + " if (x1 > x0 && y1 > y0) for (let i = 0; i < 5; i++) for (let j = 0; j < 3; j++) {"
            + "   points++; const hit = document.elementFromPoint(x0 + (x1 - x0) * (i + .5) / 5, y0 + (y1 - y0) * (j + .5) / 3);"
            + "   if (hit && (hit === el || el.contains(hit) || (el.labels && [...el.labels].includes(hit)))) hits++; }"
            + " const banner = document.getElementById('consentledger').shadowRoot.querySelector('[role=dialog]');"
            + " return { id: el.id, hits, points, top: Math.round(r.top), bottom: Math.round(r.bottom),"
            + "   bannerTop: banner ? Math.round(banner.getBoundingClientRect().top) : null, viewport: innerHeight }; }";
    static final String TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))";

    @Test
    void tabbingThroughTheLongPageNeverHidesTheFocusBehindTheBanner() {
        String site = sites.newSite();
        check(site, 1280, 720, 1, "1280x720");
        check(site, 320, 640, 1, "320px");
        check(site, 640, 360, 2, "200-percent-zoom"); // 1280x720 at 200% zoom: half the CSS pixels, twice the density
    }

    private void check(String site, int width, int height, int scale, String label) {
        Page page = open(context(new Browser.NewContextOptions().setViewportSize(width, height)
                .setDeviceScaleFactor(scale).setReducedMotion(ReducedMotion.REDUCE)), base + "banner-test/long/" + site);
        assertTrue(dialog(page).isVisible(), label + ": the banner waits for a decision");
        tabThroughThePage(page, label + "-first-layer");
        page.evaluate("() => ConsentLedger.showSettings()");
        page.waitForSelector("#consentledger [role=switch]");
        tabThroughThePage(page, label + "-settings");
    }

    @SuppressWarnings("unchecked")
    private void tabThroughThePage(Page page, String label) {
        page.locator("#start").focus();
        List<String> seen = new ArrayList<>();
        List<String> hidden = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            page.keyboard().press("Tab");
            page.evaluate(TWO_FRAMES);
            Map<String, Object> v = (Map<String, Object>) page.evaluate(VISIBILITY);
            if (v == null) {
                break; // focus reached the banner (it sits after the page in the tab order)
            }
            seen.add((String) v.get("id"));
            if (((Number) v.get("hits")).intValue() == 0) {
                hidden.add(v.toString());
                Chromium.screenshot(page, "focus-obscured-" + label + "-" + v.get("id"));
            }
        }
        assertTrue(seen.containsAll(List.of("l1", "l24", "search", "last-button", "settings-link", "imprint")),
                label + ": tabbed through the whole page: " + seen);
        assertEquals(List.of(), hidden, label + ": focused elements entirely hidden behind the banner");
        Chromium.screenshot(page, "focus-not-obscured-" + label);
    }
}
