package org.consentledger.banner;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 4 item 7: recording with Idempotency-Key and keepalive, localStorage outbox, cached config when the service is down. */
@QuarkusTest
class RecordingTest extends BannerBrowserTest {

    static final String SPY_FETCH = "(() => { const f = window.fetch; window.__fetches = [];"
            + " window.fetch = function (url, init) { window.__fetches.push({url: String(url), keepalive: !!(init && init.keepalive)});"
            + " return f.apply(this, arguments); }; })()";
    static final String OUTBOX = "() => JSON.parse(localStorage.getItem('consentledger.outbox.' + document.querySelector('script[data-site]').dataset.site) || '[]').length";

    @Test
    void eachDecisionIsPostedWithAnIdempotencyKeyAndKeepalive() {
        String site = sites.newSite();
        BrowserContext context = context();
        context.addInitScript(SPY_FETCH);
        Page page = open(context, pageUrl(site));
        button(page, "Alle akzeptieren").click();
        JsonPath history = history(site, visitorId(page), 1);
        assertEquals("given", history.getString("current.action"));
        assertEquals("accept-all", history.getString("current.method"));
        Request post = consentPosts.get(0);
        assertTrue(post.headerValue("idempotency-key").matches("[0-9a-f-]{36}"), "Idempotency-Key per decision");
        JsonPath body = new JsonPath(post.postData());
        assertEquals(bundle.hash(), body.getString("bannerHash"));
        assertEquals(1, body.getInt("configVersion"));
        assertEquals(Boolean.TRUE, page.evaluate("() => window.__fetches.some(f => f.url.endsWith('/consents') && f.keepalive)"));
        page.waitForFunction(OUTBOX + " === 0");
    }

    @Test
    void outboxRetriesOnTheNextPageLoadAndWhenBackOnline() {
        String site = sites.newSite();
        BrowserContext context = context();
        context.route("**/consents", route -> route.abort());
        Page page = open(context, pageUrl(site));
        button(page, "Alle ablehnen").click();
        assertFalse(dialog(page).isVisible(), "the UI never waits for the service");
        page.waitForTimeout(500);
        assertEquals(1, ((Number) page.evaluate(OUTBOX)).intValue(), "kept in the outbox");
        context.unroute("**/consents");

        Page next = open(context, pageUrl(site));
        String visitor = visitorId(next);
        assertEquals("refused", history(site, visitor, 1).getString("current.action"), "delivered on the next page load");
        next.waitForFunction(OUTBOX + " === 0");

        context.route("**/consents", route -> route.abort());
        next.evaluate("() => ConsentLedger.acceptAll()");
        next.waitForTimeout(500);
        assertEquals(1, ((Number) next.evaluate(OUTBOX)).intValue());
        context.unroute("**/consents");
        context.setOffline(true);
        context.setOffline(false);
        next.evaluate("() => window.dispatchEvent(new Event('online'))");
        assertEquals("given", history(site, visitor, 2).getString("current.action"), "delivered when back online");
        next.waitForFunction(OUTBOX + " === 0");
        assertEquals(2, history(site, visitor, 2).getList("history").size(), "retries are idempotent: no duplicates");
    }

    @Test
    void whenTheServiceIsDownScriptsStayBlockedAndTheCachedConfigIsUsed() {
        String site = sites.newSite();
        BrowserContext fresh = context();
        fresh.route("**/banner?**", route -> route.abort());
        Page first = open(fresh, pageUrl(site));
        first.waitForTimeout(500);
        assertFalse(dialog(first).isVisible(), "no config, no cache: nothing to show");
        assertEquals(Map.of(), effects(first), "and nothing gated runs");

        BrowserContext returning = context();
        Page page = open(returning, pageUrl(site));
        button(page, "Alle akzeptieren").click();
        returning.route("**/banner?**", route -> route.abort());
        Page down = open(returning, pageUrl(site));
        down.waitForTimeout(500);
        assertFalse(effects(down).containsKey("inline"), "service unreachable: optional scripts stay blocked");
        down.evaluate("() => ConsentLedger.showSettings()");
        down.waitForSelector("#consentledger [role=dialog]");
        assertTrue(dialog(down).innerText().contains("Statistik"), "settings rendered from the cached config");
    }
}
