package org.consentledger.banner;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import io.quarkus.test.junit.QuarkusTest;
import org.consentledger.platform.Chromium;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 items 5, 6 and 7 on the demo pages (per-site script, settings chunk loaded on demand) at desktop
 * (1366x768) and mobile (390x844) size, with screenshots and axe-core on both layers and on the reload notice. Items 2
 * and 4 have their own tests at both sizes (BannerV2Test, KiboxLegitimateInterestTest).
 */
@QuarkusTest
class BannerV2ViewportTest extends BannerBrowserTest {

    static final int[][] SIZES = {{1366, 768}, {390, 844}};

    private Page demo(int[] size, String site, String lang) {
        // the demo pages' strict CSP would block axe-core's inline script; the banner itself needs no exception
        BrowserContext context = context(new Browser.NewContextOptions().setViewportSize(size[0], size[1]).setBypassCSP(true));
        Page page = context.newPage();
        page.navigate(base + "demo/" + site + "?lang=" + lang);
        page.waitForFunction("() => !!window.ConsentLedger");
        page.evaluate("() => ConsentLedger.ready");
        return page;
    }

    private static String name(int[] size) {
        return size[0] + "x" + size[1];
    }

    private void noAxeViolations(Page page, String what) {
        assertTrue(Chromium.axeViolations(page).isEmpty(), what + ": " + Chromium.axeViolations(page));
    }

    /**
     * Items 5 (withdrawal deletes the cookie on three paths, reload notice), 6 (consent id in the settings) and 7
     * (no dead Tab stop, focus back to the page's settings link) on the kommunikationstrainer demo (Clarity).
     */
    @Test
    void withdrawalKeyboardAndConsentIdOnTheClarityDemo() {
        for (int[] size : SIZES) {
            Page page = demo(size, "kommunikationstrainer", "de");
            BrowserContext context = page.context();
            button(page, "Einstellungen").focus();
            page.keyboard().press("Tab");
            Object active = page.evaluate("() => document.activeElement.tagName + ':' + document.activeElement.id");
            assertTrue(!"BODY:".equals(active) && !"DIV:consentledger".equals(active),
                    "Tab after the last banner button reaches page content: " + active);

            button(page, "Alle akzeptieren").click();
            assertEquals("A:Cookie-Einstellungen", page.evaluate(AccessibilityTest.ACTIVE),
                    "after deciding, focus goes to the page's settings link");
            String host = "localhost";
            context.addCookies(List.of(
                    new Cookie("_clck", "p1").setDomain(host).setPath("/demo"),
                    new Cookie("_clck", "p2").setDomain(host).setPath("/demo/"),
                    new Cookie("_clck", "p3").setDomain(host).setPath("/demo/kommunikationstrainer"),
                    new Cookie("_clsk", "x").setDomain(host).setPath("/")));
            assertTrue(context.cookies().stream().filter(c -> c.name.equals("_clck")).count() >= 3, "_clck on three paths");

            page.click("footer >> text=Cookie-Einstellungen");
            page.locator("[role=switch][aria-labelledby=cl-c-analytics]").waitFor();
            assertTrue(dialog(page).innerText().contains("Ihre Einwilligungs-ID: "), "the visitor's consent id is shown");
            noAxeViolations(page, name(size) + " settings after a decision");
            Chromium.screenshot(page, "v2-demo-withdrawal-settings-" + name(size));
            button(page, "Alle ablehnen").click();

            List<String> left = context.cookies().stream().map(c -> c.name + "@" + c.path).collect(Collectors.toList());
            assertTrue(left.stream().noneMatch(c -> c.startsWith("_clck@") || c.startsWith("_clsk@")),
                    "Clarity's cookies gone on every path: " + left);
            assertTrue(left.stream().anyMatch(c -> c.startsWith("ibki_consent@")), "the decision itself stays: " + left);
            assertTrue(page.locator("#consentledger [role=status]").innerText().contains("neu laden"),
                    "a notice offers to reload so that Clarity stops");
            assertEquals("A:Cookie-Einstellungen", page.evaluate(AccessibilityTest.ACTIVE), "focus back on the settings link");
            noAxeViolations(page, name(size) + " reload notice");
            Chromium.screenshot(page, "v2-demo-withdrawal-notice-" + name(size));
        }
    }
}
