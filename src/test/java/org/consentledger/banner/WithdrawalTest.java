package org.consentledger.banner;

import org.consentledger.platform.Chromium;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 4 item 6 (withdrawal as easy as consent) with COMPLIANCE banner 9. */
@QuarkusTest
class WithdrawalTest extends BannerBrowserTest {

    @Test
    void footerLinkReopensSettingsAndWithdrawingDeletesCookiesOnHostAndParentDomains() {
        String site = sites.newSite();
        BrowserContext context = context();
        String url = pageUrl(site).replace("localhost", "www.shop.banner.test");
        Page page = open(context, url);
        button(page, "Alle akzeptieren").click();
        page.waitForFunction("() => document.cookie.includes('_clck=')");
        context.addCookies(List.of(
                new Cookie("_ga", "GA1.1").setDomain(".shop.banner.test").setPath("/"),
                new Cookie("_ga_ABC123", "GS1.1").setDomain(".shop.banner.test").setPath("/"),
                new Cookie("_ga_XYZ", "GS1.1").setDomain("www.shop.banner.test").setPath("/"),
                new Cookie("_clsk", "x").setDomain(".banner.test").setPath("/"),
                new Cookie("NEXT_LOCALE", "de").setDomain("www.shop.banner.test").setPath("/"),
                // the same cookie on three paths: only the one on "/" went away before
                new Cookie("_clck", "p1").setDomain("www.shop.banner.test").setPath("/banner-test"),
                new Cookie("_clck", "p2").setDomain(".shop.banner.test").setPath("/banner-test/page/"),
                new Cookie("_clck", "p3").setDomain("www.shop.banner.test").setPath("/banner-test/page/" + site)));
        assertEquals(4, context.cookies().stream().filter(c -> c.name.equals("_clck")).count(), "_clck on four paths");
        page.evaluate("() => { window.__changes = []; document.addEventListener('consentledger:change', e => window.__changes.push(e.detail)); }");

        page.click("text=Cookie Settings");
        assertTrue(dialog(page).isVisible(), "the footer link reopens the settings");
        assertEquals("true", page.locator("[role=switch][aria-labelledby=cl-c-analytics]").getAttribute("aria-checked"),
                "settings show the current choice");
        button(page, "Alle ablehnen").click();

        // document.cookie writes reach the browser's cookie store asynchronously: wait until the declared ones are gone
        List<String> declared = List.of("_clck", "_ga", "_ga_ABC123", "_ga_XYZ", "_clsk");
        List<String> left = List.of();
        for (long until = System.nanoTime() + 10_000_000_000L; System.nanoTime() < until; page.waitForTimeout(50)) {
            left = context.cookies().stream().map(c -> c.name + "@" + c.domain).collect(Collectors.toList());
            if (left.stream().noneMatch(c -> declared.stream().anyMatch(d -> c.startsWith(d + "@")))) {
                break;
            }
        }
        for (String gone : List.of("_clck", "_ga", "_ga_ABC123", "_ga_XYZ", "_clsk")) {
            assertTrue(left.stream().noneMatch(c -> c.startsWith(gone + "@")), gone + " deleted: " + left);
        }
        assertTrue(left.stream().anyMatch(c -> c.startsWith("NEXT_LOCALE@")), "undeclared/essential cookies stay");
        assertEquals(1, ((Number) page.evaluate("() => window.__changes.length")).intValue(), "change event fired");
        assertEquals("[\"consentv2\",{\"ad_Storage\":\"denied\",\"analytics_Storage\":\"denied\"}]",
                page.evaluate("() => JSON.stringify(Array.from(window.clarity.q[window.clarity.q.length - 1]))"));
        Locator notice = page.locator("#consentledger [role=status]");
        assertTrue(notice.innerText().contains("neu laden"), "a notice offers to reload so running scripts stop");
        assertEquals("A:Cookie Settings", page.evaluate("() => document.activeElement.tagName + ':' + document.activeElement.textContent"),
                "focus back on the link that opened the settings");
        Chromium.screenshot(page, "withdrawal-reload-notice");
        page.evaluate("() => { window.__beforeReload = true; }");
        button(page, "Seite neu laden").click();
        page.waitForFunction("() => !window.__beforeReload && !!window.ConsentLedger");
        page.evaluate("() => ConsentLedger.ready");
        assertEquals(0, page.locator("#consentledger [role=status]").count(), "reloaded: notice gone");
        assertTrue(left.stream().anyMatch(c -> c.startsWith("bt_consent@")), "the decision itself stays");
        JsonPath history = history(site, visitorId(page), 2);
        assertEquals("withdrawn", history.getString("current.action"));
        assertEquals(false, history.getBoolean("current.decisions.analytics"));
    }

    @Test
    void dataAttributeFloatingButtonAndApiAllReopenTheSettings() {
        String site = sites.newSite();
        BrowserContext context = context();
        Page page = open(context, pageUrl(site));
        button(page, "Alle ablehnen").click();
        assertFalse(dialog(page).isVisible());

        page.click("[data-consent-settings]");
        assertTrue(dialog(page).isVisible(), "[data-consent-settings] reopens");
        page.keyboard().press("Escape");
        assertFalse(dialog(page).isVisible(), "Esc closes the settings without changing anything");

        assertEquals(0, button(page, "Cookie-Einstellungen").count(), "no floating button: the page has its own settings link");

        page.evaluate("() => ConsentLedger.showSettings()");
        page.waitForSelector("#consentledger [role=dialog]");
        assertTrue(dialog(page).isVisible(), "ConsentLedger.showSettings() reopens");
        Chromium.screenshot(page, "settings-reopened");
    }
}
