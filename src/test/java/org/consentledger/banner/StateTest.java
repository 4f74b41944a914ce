package org.consentledger.banner;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 4 item 5 (consent cookie, re-asking) with COMPLIANCE banner 10. */
@QuarkusTest
class StateTest extends BannerBrowserTest {

    static Cookie consentCookie(BrowserContext context) {
        return context.cookies().stream().filter(c -> c.name.equals("bt_consent")).findFirst().orElseThrow();
    }

    /** The same cookies and storage in a new context: the config's HTTP cache (max-age=60) starts empty. */
    BrowserContext sameVisitorEmptyCache(BrowserContext context) {
        return context(new com.microsoft.playwright.Browser.NewContextOptions().setStorageState(context.storageState()));
    }

    @Test
    void decisionIsACompactFirstPartyLaxCookieWithTheConfiguredLifetime() {
        String site = sites.newSite();
        BrowserContext context = context();
        Page page = open(context, pageUrl(site));
        button(page, "Alle ablehnen").click();
        Cookie cookie = consentCookie(context);
        assertEquals(SameSiteAttribute.LAX, cookie.sameSite);
        assertFalse(cookie.secure, "Secure only on https");
        assertEquals("localhost", cookie.domain);
        double days = (cookie.expires - System.currentTimeMillis() / 1000.0) / 86400;
        assertTrue(days > 179.9 && days <= 180.01, "max-age from config.cookie.maxAgeDays: " + days);
        String visitor = visitorId(page);
        assertTrue(cookie.value.startsWith(visitor + ".1."), "visitor id and config version: " + cookie.value);
        assertTrue(cookie.value.contains(".essential.analytics~marketing."), "granted and denied categories: " + cookie.value);
        assertTrue(cookie.value.length() < 120, "compact: " + cookie.value.length() + " characters");

        Page again = open(context, pageUrl(site));
        assertFalse(dialog(again).isVisible(), "a refusal is remembered");
        assertEquals(0, button(again, "Cookie-Einstellungen").count(),
                "no floating button over the page: it has its own settings link");
    }

    @Test
    void configuredDomainCoversSubdomains() {
        ObjectNode config = BannerSites.fixtureConfig();
        ((ObjectNode) config.get("cookie")).put("domain", "shop.banner.test");
        String site = sites.newSite(config);
        BrowserContext context = context();
        Page page = open(context, pageUrl(site).replace("localhost", "www.shop.banner.test"));
        button(page, "Alle akzeptieren").click();
        assertEquals(".shop.banner.test", consentCookie(context).domain);
    }

    @Test
    void asksAgainWhenAServiceOrACategoryIsAddedOrTheDecisionExpired() {
        ObjectNode config = BannerSites.fixtureConfig();
        String site = sites.newSite(config);
        BrowserContext context = context();
        Page page = open(context, pageUrl(site));
        button(page, "Alle akzeptieren").click();

        ObjectNode hotjar = ((ObjectNode) config.get("services").get(1)).deepCopy();
        hotjar.put("id", "hotjar").put("name", "Hotjar").remove("integrations");
        ((ArrayNode) config.get("services")).add(hotjar);
        sites.publish(site, config);
        context = sameVisitorEmptyCache(context);
        Page second = open(context, pageUrl(site));
        assertTrue(dialog(second).isVisible(), "new service: asked again");
        second.waitForFunction("() => window.__effects && window.__effects.inline === 1");
        assertEquals(1, effects(second).get("inline"), "decisions on known services still apply");
        button(second, "Alle akzeptieren").click();
        assertFalse(open(context, pageUrl(site)).locator("#consentledger [role=dialog]").isVisible(), "decided: quiet");

        ObjectNode social = ((ObjectNode) config.get("categories").get(2)).deepCopy();
        social.put("id", "social");
        ((ArrayNode) config.get("categories")).add(social);
        sites.publish(site, config);
        context = sameVisitorEmptyCache(context);
        Page third = open(context, pageUrl(site));
        assertTrue(dialog(third).isVisible(), "new category: asked again");
        button(third, "Alle akzeptieren").click();

        Cookie cookie = consentCookie(context);
        String[] parts = cookie.value.split("\\.", -1);
        parts[2] = Long.toString(System.currentTimeMillis() / 1000 - 181L * 86400, 36);
        context.addCookies(List.of(new Cookie(cookie.name, String.join(".", parts)).setDomain(cookie.domain).setPath("/")
                .setExpires(cookie.expires).setSameSite(SameSiteAttribute.LAX)));
        Page fourth = open(context, pageUrl(site));
        assertTrue(dialog(fourth).isVisible(), "decision older than maxAgeDays: asked again");
        page.waitForTimeout(200);
        assertFalse(effects(fourth).containsKey("inline"), "an expired decision grants nothing");
    }
}
