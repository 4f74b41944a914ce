package org.consentledger.policy;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.consentledger.platform.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 6 item 9 in real Chromium: the embedded declaration under a strict CSP, its settings button, XSS, axe. */
@QuarkusTest
class CookiePolicyBrowserTest {

    /** Records CSP violations and planted-script side effects; init scripts run outside the page's CSP. */
    static final String WATCH = "window.__violations = []; document.addEventListener('securitypolicyviolation',"
            + " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));";

    @TestHTTPResource("/")
    URL base;

    @Inject
    PolicySites sites;

    private final List<BrowserContext> contexts = new ArrayList<>();

    @AfterEach
    void close() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    private Page page(int width, int height) {
        return page(width, height, false);
    }

    /** bypassCsp: only to inject axe-core into the standalone page, whose own CSP allows no script at all. */
    private Page page(int width, int height, boolean bypassCsp) {
        BrowserContext context = Chromium.browser().newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height).setLocale("de-DE").setBypassCSP(bypassCsp));
        context.addInitScript(WATCH);
        contexts.add(context);
        return context.newPage();
    }

    private Page host(String site, String query) {
        Page page = page(1280, 900);
        page.navigate(base + "policy-test/host/" + site + query);
        page.waitForSelector("[data-consent-ledger-cookie-policy] .clcp");
        page.waitForFunction("() => !!window.ConsentLedger");
        page.evaluate("() => ConsentLedger.ready");
        return page;
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void embeddedDeclarationUnderStrictCspAndItsButtonOpensTheBannerSettings() {
        Page page = host("kommunikationstrainer", "?lang=de");
        Locator declaration = page.locator("[data-consent-ledger-cookie-policy]");
        String text = declaration.innerText();
        for (String expected : List.of("Microsoft Clarity", "Microsoft Corporation, One Microsoft Way",
                "USA (EU-US Data Privacy Framework", "Einwilligung (Art. 6 Abs. 1 lit. a DSGVO", "_clck\tNutzer-ID\t1 Jahr",
                "_clsk\tVerknüpfung der Sitzung\t1 Tag", "CLID\tGeräte-ID\t1 Jahr")) {
            assertTrue(text.contains(expected), "embedded declaration shows '" + expected + "':\n" + text);
        }
        assertEquals(Boolean.TRUE, page.evaluate("() => document.querySelector('#before').compareDocumentPosition("
                + "document.querySelector('.clcp')) === Node.DOCUMENT_POSITION_FOLLOWING && document.querySelector('.clcp')"
                + ".compareDocumentPosition(document.querySelector('#after')) === Node.DOCUMENT_POSITION_FOLLOWING"),
                "declaration sits where the operator pasted the snippet");
        assertEquals("rgb(31, 41, 55)", button(page, "Cookie-Einstellungen öffnen")
                .evaluate("b => getComputedStyle(b).backgroundColor"), "styled through the CSSOM, not inline styles");

        Locator banner = page.locator("#consentledger [role=dialog]");
        assertTrue(banner.isVisible(), "first visit: the banner asks");
        button(page, "Alle ablehnen").click();
        assertEquals(0, banner.count(), "decided: banner closed");

        button(page, "Cookie-Einstellungen öffnen").click();
        page.waitForSelector("#consentledger [role=switch]");
        assertEquals("Einstellungen", page.locator("#consentledger #cl-t").textContent(), "the settings layer is open");
        assertEquals("false", page.locator("#consentledger [role=switch][aria-labelledby=cl-c-analytics]")
                .getAttribute("aria-checked"), "the settings layer shows the refused analytics switch");
        Chromium.screenshot(page, "cookie-policy-embedded-settings-open");
        assertEquals("[]", page.evaluate("() => JSON.stringify(window.__violations)"), "no CSP violation");
    }

    @Test
    void withoutTheDivTheDeclarationFollowsTheScriptTag() {
        Page page = host("kommunikationstrainer", "?lang=en&div=false");
        assertEquals(Boolean.TRUE, page.evaluate("() => { const s = document.querySelector('script[src*=\"cookie-policy.js\"]');"
                + " return s.nextElementSibling.matches('[data-consent-ledger-cookie-policy]') && s.nextElementSibling.querySelector('.clcp') !== null; }"));
        assertTrue(page.locator(".clcp").innerText().contains("_clck\tUser ID\t1 year"));
        button(page, "Reject all").click();
        button(page, "Open cookie settings").click();
        page.waitForSelector("#consentledger [role=switch]");
        page.locator(".clcp").scrollIntoViewIfNeeded();
        Chromium.screenshot(page, "cookie-policy-embedded-en");
        assertEquals("[]", page.evaluate("() => JSON.stringify(window.__violations)"), "no CSP violation");
    }

    @Test
    void theStandalonePagesSettingsLinkOpensTheSettingsOnTheSite() {
        Page standalone = page(1280, 900);
        standalone.navigate(base + "sites/kommunikationstrainer/cookie-policy?lang=de");
        assertEquals("https://kommunikationstrainer.ai/de/datenschutz#consent-settings",
                standalone.locator("a.clcp-button").getAttribute("href"), "links to the site's privacy page, where the banner runs");
        Page site = page(1280, 900);
        site.navigate(base + "policy-test/host/kommunikationstrainer?lang=de#consent-settings");
        site.waitForSelector("#consentledger [role=switch]");
        assertEquals("Einstellungen", site.locator("#consentledger #cl-t").textContent(),
                "the banner opens its settings when the page is opened with #consent-settings");
    }

    @Test
    void plantedScriptsDoNotRunEmbeddedOrStandalone() {
        String site = sites.hostileSite();
        Page page = host(site, "?lang=de");
        page.locator(".clcp h3").first().hover();
        page.locator(".clcp p").nth(2).hover();
        page.waitForTimeout(300);
        assertEquals(null, page.evaluate("() => window.__xss"), "no planted script ran in the embed");
        assertEquals(0, page.locator(".clcp script, .clcp img, .clcp [onmouseover], .clcp [onerror]").count(),
                "no planted element or handler in the DOM");
        assertTrue(page.locator(".clcp").innerText().contains("Clarity <script>window.__xss=(window.__xss||0)+1</script>"),
                "the planted text is shown as text");

        Page standalone = page(1280, 900);
        standalone.navigate(base + "sites/" + site + "/cookie-policy?lang=en");
        standalone.locator("h3").first().hover();
        standalone.waitForTimeout(300);
        assertEquals(null, standalone.evaluate("() => window.__xss"), "no planted script ran on the standalone page");
        assertTrue(standalone.locator("h1").innerText().contains("Shop <script>"), "site name shown as text");
        assertEquals(0, standalone.locator("main script, main img, [onmouseover], [onerror]").count());
        Chromium.screenshot(standalone, "cookie-policy-xss-standalone");
    }

    @Test
    void standalonePageHasNoAxeViolationsInGermanAndEnglishAndAt320Px() {
        for (String lang : List.of("de", "en")) {
            Page page = page(1280, 900, true);
            page.navigate(base + "sites/kommunikationstrainer/cookie-policy?lang=" + lang);
            List<Map<String, Object>> violations = Chromium.axeViolations(page);
            assertTrue(violations.isEmpty(), lang + ": " + violations);
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(Chromium.SCREENSHOTS.resolve("cookie-policy-standalone-" + lang + ".png")));
        }
        Page narrow = page(320, 640, true);
        narrow.navigate(base + "sites/kommunikationstrainer/cookie-policy?lang=de");
        assertEquals(Boolean.TRUE, narrow.evaluate("() => document.documentElement.scrollWidth <= 320"), 
                () -> "no horizontal scrolling at 320 px; too wide: " + narrow.evaluate("() => [...document.querySelectorAll('body *')]"
                        + ".filter(e => e.getBoundingClientRect().right > 320).map(e => e.tagName + '.' + e.className + ' '"
                        + " + Math.round(e.getBoundingClientRect().right)).slice(0, 8).join(', ') + ' | ' + [...document.querySelectorAll('body *')].filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.tagName + '.' + e.className + ' ' + e.scrollWidth + '/' + e.clientWidth).slice(0, 8).join(', ') + ' sw=' + document.documentElement.scrollWidth + ' cw=' + document.documentElement.clientWidth + ' iw=' + innerWidth + ' bw=' + document.body.scrollWidth"));
        assertTrue(Chromium.axeViolations(narrow).isEmpty());
        narrow.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(Chromium.SCREENSHOTS.resolve("cookie-policy-standalone-320px.png")));
    }
}
