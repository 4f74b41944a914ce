package org.consentledger.banner;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Issue 4 item 4: gated scripts (inline, src, data-src), iframes and images run never before and exactly once after consent. */
@QuarkusTest
class GatingTest extends BannerBrowserTest {

    static final String INSERT = "cat => { const s = document.createElement('script'); s.type = 'text/plain';"
            + " s.setAttribute('data-category', cat); s.nonce = 'fixture-nonce';"
            + " s.text = 'window.__effects = window.__effects || {}; window.__effects.dynamic = (window.__effects.dynamic || 0) + 1;';"
            + " document.body.appendChild(s); }";

    @Test
    void eachGatedElementRunsOnlyAfterItsCategoryAndExactlyOnce() {
        String site = sites.newSite();
        Page page = open(context(), pageUrl(site));
        page.waitForTimeout(500);
        assertEquals(Map.of("essential", 1), effects(page), "before consent only the essential script ran");

        button(page, "Einstellungen").click();
        page.locator("[role=switch][aria-labelledby=cl-c-analytics]").click();
        button(page, "Auswahl speichern").click();
        page.waitForFunction("() => window.__effects.src === 1 && window.__effects.vercel === 1");
        page.waitForTimeout(300);
        Map<String, Object> effects = effects(page);
        assertEquals(1, effects.get("inline"), "inline gated script ran once");
        assertEquals(1, effects.get("src"), "src gated script ran once");
        assertNull(effects.get("datasrc"), "marketing data-src script still blocked");
        assertEquals(1, FixturePageResource.hits(site, "pixel.gif"), "analytics image loaded");
        assertEquals(0, FixturePageResource.hits(site, "frame.html"), "marketing iframe still blocked");

        page.evaluate("() => ConsentLedger.acceptAll()");
        page.waitForFunction("() => window.__effects.datasrc === 1");
        page.waitForTimeout(300);
        effects = effects(page);
        assertEquals(1, effects.get("inline"), "not run twice");
        assertEquals(1, effects.get("src"), "not run twice");
        assertEquals(1, effects.get("essential"), "not run twice");
        assertEquals(1, FixturePageResource.hits(site, "frame.html"), "marketing iframe loaded once");
        assertEquals(1, FixturePageResource.hits(site, "src.js"), "fetched once");
    }

    @Test
    void elementsInsertedLaterAreGatedToo() {
        String site = sites.newSite();
        BrowserContext context = context();
        Page page = open(context, pageUrl(site));
        page.evaluate(INSERT, "analytics");
        page.waitForTimeout(300);
        assertFalse(effects(page).containsKey("dynamic"), "inserted before consent: blocked");
        button(page, "Alle akzeptieren").click();
        page.waitForFunction("() => window.__effects.dynamic === 1");
        page.evaluate(INSERT, "analytics");
        page.waitForFunction("() => window.__effects.dynamic === 2");
        page.waitForTimeout(300);
        assertEquals(2, effects(page).get("dynamic"), "each inserted element ran exactly once");

        Page next = open(context, pageUrl(site));
        next.waitForFunction("() => window.__effects && window.__effects.datasrc === 1");
        next.waitForTimeout(300);
        assertEquals(1, effects(next).get("inline"), "stored consent: runs once on the next page, no banner");
        assertFalse(dialog(next).isVisible());
    }
}
