package org.consentledger.banner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import org.consentledger.platform.Chromium;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 item 1 (repeat visits, lazily loaded settings layer), per-site script in a real Chromium. A repeat visit
 * before any decision renders the banner from the browser's cached copy of the per-site script (code and config),
 * without waiting for the network, while the browser revalidates it in the background (stale-while-revalidate); the
 * next visit shows a newly published version. Nothing is stored by the page for this (no cookie, no localStorage).
 */
@QuarkusTest
class RepeatVisitTest extends BannerBrowserTest {

    private String scriptUrl(String site) {
        return "/sites/" + site + "/banner.js";
    }

    @Test
    void repeatVisitRendersTheCachedConfigAndTheNextVisitTheRevalidatedOne() {
        String site = sites.newSite();
        BrowserContext context = context();
        List<String> fromNetwork = new CopyOnWriteArrayList<>();
        context.onRequestFinished(r -> {
            if (r.url().contains(scriptUrl(site)) && r.response() != null && !r.response().fromServiceWorker()) {
                fromNetwork.add(r.url());
            }
        });
        String url = base + "banner-bench/ours-inline/" + site;
        Page first = context.newPage();
        first.navigate(url);
        assertEquals("Datenschutz bei Fixture", dialog(first).locator("h2").innerText());

        ObjectNode changed = BannerSites.fixtureConfig();
        ((ObjectNode) changed.with("texts").with("de")).set("title", new TextNode("Datenschutz bei Fixture, Version 2"));
        sites.publish(site, changed);
        // the cached copy is fresh for consent.banner.site-script-max-age (2 s in tests); let it go stale
        first.waitForTimeout(2500);
        first.close();

        Page second = context.newPage();
        second.navigate(url);
        assertEquals("Datenschutz bei Fixture", dialog(second).locator("h2").innerText(),
                "the repeat visit renders the cached (stale) copy at once instead of waiting for the service");
        assertTrue(storageKeys(second).isEmpty(), "nothing stored before a choice: " + storageKeys(second));
        assertEquals("[]", String.valueOf(second.context().cookies()), "no cookie before a choice");
        Chromium.screenshot(second, "repeat-visit-cached");
        second.close();

        // the background revalidation fetched the new version into the cache; the next visit shows it
        Page third = context.newPage();
        third.waitForCondition(() -> {
            third.navigate(url);
            return dialog(third).locator("h2").innerText().equals("Datenschutz bei Fixture, Version 2");
        });
        assertEquals("Datenschutz bei Fixture, Version 2", dialog(third).locator("h2").innerText());
    }

    @Test
    void settingsLayerComesWithItsChunkOnlyWhenOpened() {
        String site = sites.newSite();
        BrowserContext context = context();
        List<String> chunks = new CopyOnWriteArrayList<>();
        context.onRequest(r -> {
            if (r.url().contains("/sites/" + site + "/settings.js")) {
                chunks.add(r.url());
            }
        });
        Page page = context.newPage();
        page.navigate(base + "banner-bench/ours-inline/" + site);
        dialog(page).waitFor();
        assertTrue(chunks.isEmpty(), "the first layer loads no settings code: " + chunks);
        button(page, "Einstellungen").click();
        Locator switches = page.locator("#consentledger [role=switch]");
        switches.first().waitFor();
        assertEquals(5, switches.count(), "one switch per category and per consent-based optional service");
        assertEquals(1, chunks.size(), "the settings chunk is loaded once: " + chunks);
        assertTrue(dialog(page).innerText().contains("Notwendig (Immer aktiv)"), "settings texts came with the chunk");
        page.locator("#consentledger summary").first().click();
        assertTrue(page.locator("#consentledger table").first().isVisible(), "cookie table from the full config");
        Chromium.screenshot(page, "site-script-settings-chunk");
    }
}
