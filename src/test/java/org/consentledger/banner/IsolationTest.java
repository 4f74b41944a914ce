package org.consentledger.banner;

import org.consentledger.platform.Chromium;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 4 item 11: Shadow DOM, strict CSP without 'unsafe-inline', no layout shift. */
@QuarkusTest
class IsolationTest extends BannerBrowserTest {

    static final String WATCH = "window.__violations = []; document.addEventListener('securitypolicyviolation',"
            + " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
            + " window.__cls = 0; new PerformanceObserver(l => l.getEntries().forEach(e => { window.__cls += e.value; }))"
            + ".observe({type: 'layout-shift', buffered: true});";

    @Test
    void rendersInShadowDomUnderAStrictCspWithoutViolations() {
        String site = sites.newSite();
        BrowserContext context = context();
        context.addInitScript(WATCH);
        Page page = open(context, pageUrl(site) + "?csp=true");
        assertTrue(dialog(page).isVisible());
        assertEquals(Boolean.TRUE, page.evaluate("() => !!document.getElementById('consentledger').shadowRoot"
                + " && !document.querySelector('[role=dialog]')"), "banner lives in a shadow root");
        assertEquals("rgb(31, 41, 55)", button(page, "Alle akzeptieren").evaluate("b => getComputedStyle(b).backgroundColor"),
                "styles applied through adoptedStyleSheets");
        button(page, "Alle akzeptieren").click();
        page.waitForFunction("() => window.__effects && window.__effects.inline === 1 && window.__effects.datasrc === 1");
        assertEquals("[]", page.evaluate("() => JSON.stringify(window.__violations)"), "no CSP violation at all");
        Chromium.screenshot(page, "strict-csp-after-accept");
    }

    @Test
    void causesNoLayoutShift() {
        String site = sites.newSite();
        BrowserContext context = context();
        context.addInitScript(WATCH);
        Page page = open(context, pageUrl(site));
        page.waitForTimeout(800);
        button(page, "Einstellungen").click();
        page.waitForTimeout(300);
        button(page, "Alle ablehnen").click();
        page.waitForTimeout(500);
        assertEquals(0.0, ((Number) page.evaluate("() => window.__cls")).doubleValue(), "CLS caused by the banner");
    }
}
