package org.consentledger.banner;

import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 4 item 12: window.ConsentLedger and the consentledger:change DOM event. */
@QuarkusTest
class ApiTest extends BannerBrowserTest {

    @Test
    void publicApiDrivesAndReportsEveryDecision() {
        String site = sites.newSite();
        Page page = open(context(), pageUrl(site));
        assertNull(page.evaluate("() => ConsentLedger.getConsent()"));
        page.evaluate("() => { window.__cb = []; window.__ev = [];"
                + " window.__off = ConsentLedger.onChange(c => window.__cb.push(c));"
                + " window.addEventListener('consentledger:change', e => window.__ev.push(e.detail)); }");

        page.evaluate("() => ConsentLedger.acceptAll()");
        page.waitForFunction("() => window.__ev.length === 1");
        assertEquals("true,true,true", page.evaluate("() => [__cb[0].decisions.essential, __cb[0].decisions.analytics, __ev[0].decisions.marketing].join()"));
        assertTrue(!dialog(page).isVisible(), "acceptAll() closes the banner");

        page.evaluate("() => ConsentLedger.rejectAll()");
        page.waitForFunction("() => window.__ev.length === 2");
        assertEquals(false, page.evaluate("() => ConsentLedger.getConsent().decisions.analytics"));

        page.evaluate("() => ConsentLedger.showSettings()");
        page.waitForSelector("#consentledger [role=dialog]");
        button(page, "Alle akzeptieren").click();
        page.waitForFunction("() => window.__ev.length === 3");

        page.evaluate("() => { window.__off(); ConsentLedger.withdraw(['marketing']); }");
        page.waitForFunction("() => window.__ev.length === 4");
        assertEquals("3|true|false", page.evaluate("() => [__cb.length, __ev[3].decisions.analytics, __ev[3].decisions.marketing].join('|')"),
                "withdraw(['marketing']) takes back marketing only; unsubscribed callback not called");
        page.evaluate("() => ConsentLedger.withdraw()");
        page.waitForFunction("() => window.__ev.length === 5");
        assertEquals(false, page.evaluate("() => ConsentLedger.getConsent().decisions.analytics"));

        JsonPath history = history(site, visitorId(page), 5);
        assertEquals("withdrawn", history.getString("current.action"));
        assertEquals("withdraw", history.getString("current.method"));
        assertEquals(5, history.getList("history").size());
    }
}
