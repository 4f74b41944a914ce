package org.consentledger.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.AriaRole;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.consentledger.operator.TestTokens;
import org.consentledger.platform.Chromium;
import org.consentledger.site.SiteService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cookie monitor in Chromium on a demo page (which sets the undeclared cookie demo_theme at once and loads a
 * pixel from the other loopback host): what is reported, with which flags, and what never leaves the browser.
 */
@QuarkusTest
class MonitorBrowserTest {

    static final String SITE = "kommunikationstrainer";
    static final String GPC = "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true})";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @Inject
    SiteService sites;
    @Inject
    AgroalDataSource dataSource;

    final List<BrowserContext> contexts = new ArrayList<>();
    final List<Request> reports = new CopyOnWriteArrayList<>();
    final List<String> scripts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clean() throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM monitor_observation WHERE site_id = ?")) {
            s.setLong(1, sites.requireSnapshot(SITE).id());
            s.executeUpdate();
        }
    }

    @AfterEach
    void close() {
        contexts.forEach(BrowserContext::close);
        setRate(0);
    }

    static void setRate(int rate) {
        given().auth().oauth2(TestTokens.admin()).contentType("application/json").body("{\"sampleRate\":" + rate + "}")
                .put("/api/v1/admin/sites/" + SITE + "/cookie-monitor/settings").then().statusCode(200);
    }

    BrowserContext context(String initScript) {
        BrowserContext context = Chromium.browser().newContext(new Browser.NewContextOptions().setLocale("de-DE"));
        if (initScript != null) {
            context.addInitScript(initScript);
        }
        context.onRequest(r -> {
            if (r.url().contains("/cookie-reports")) {
                reports.add(r);
            }
            if (r.url().endsWith("/monitor.js")) {
                scripts.add(r.url());
            }
        });
        contexts.add(context);
        return context;
    }

    Page openDemo(BrowserContext context) {
        Page page = context.newPage();
        page.navigate(base + "demo/" + SITE);
        page.waitForFunction("() => !!window.ConsentLedger");
        page.evaluate("() => ConsentLedger.ready");
        return page;
    }

    /** Waits (driving Playwright's event loop) until the monitor script has run in the page. */
    static void waitForMonitor(Page page) {
        page.waitForFunction("() => [...document.scripts].some(s => s.src.endsWith('/monitor.js'))"
                + " && performance.getEntriesByType('resource').some(e => e.name.endsWith('/monitor.js') && e.responseEnd > 0)");
        page.waitForTimeout(200);
    }

    @Test
    void cookiesBeforeAndAfterTheDecisionAreReportedWithTheirFlagsAndNoValuesLeaveTheBrowser() throws Exception {
        setRate(1);
        BrowserContext context = context(null);
        Page page = openDemo(context);
        waitForMonitor(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Alle akzeptieren").setExact(true)).click();
        page.waitForFunction("() => !!ConsentLedger.getConsent()");
        String visitorId = (String) page.evaluate("() => ConsentLedger.getConsent().visitorId");
        page.evaluate("() => { document.cookie = 'late_widget=secret-after-value; path=/'; }");
        page.waitForFunction("() => window.demoServiceRuns && window.demoServiceRuns.clarity === 1"); // the declared _clck is set after consent
        // the page is hidden (what a tab switch or leaving does): the one beacon of this page view. Dispatched in
        // the live page so the driver sees the request body (requests of an unloading page are not reported to it).
        page.evaluate("() => dispatchEvent(new PageTransitionEvent('pagehide'))");
        long deadline = System.currentTimeMillis() + 15_000;
        while (reports.isEmpty() && System.currentTimeMillis() < deadline) {
            page.waitForTimeout(100);
        }
        assertEquals(1, reports.size(), "one beacon per page view");
        Request beacon = reports.get(0);
        assertEquals("POST", beacon.method());
        assertTrue(beacon.headers().getOrDefault("content-type", "").startsWith("text/plain"), beacon.headers().toString());
        String body = beacon.postData();
        // never a value, never the visitor id or the consent cookie's content
        for (String secret : List.of("dark", "secret-after-value", visitorId, "demo|1", "ibki_consent")) {
            assertFalse(body.contains(secret), "report contains " + secret + ": " + body);
        }
        JsonNode report = MAPPER.readTree(body);
        assertEquals("/demo/" + SITE, report.path("path").asText());
        assertEquals(1, report.path("configVersion").asInt());
        Map<String, Boolean> cookies = new java.util.TreeMap<>();
        report.path("cookies").forEach(c -> cookies.put(c.path("name").asText(), c.path("beforeDecision").asBoolean()));
        assertEquals(Map.of("demo_theme", true, "late_widget", false), cookies);
        String otherHost = ("localhost".equals(base.getHost()) ? "127.0.0.1" : "localhost") + ":" + base.getPort();
        assertEquals(otherHost, report.path("hosts").get(0).path("host").asText());
        assertTrue(report.path("hosts").get(0).path("beforeDecision").asBoolean());
        page.navigate("about:blank"); // really leaving sends nothing more: one report per page view

        // and the operator sees it: undeclared cookies, the pixel host, the red list
        Response view = waitForReport();
        List<String> undeclared = view.path("undeclaredCookies.name");
        assertEquals(List.of("demo_theme", "late_widget"), undeclared.stream().sorted().toList());
        List<String> before = view.path("beforeConsent.name");
        assertEquals(java.util.stream.Stream.of("demo_theme", otherHost).sorted().toList(), before.stream().sorted().toList());
        assertEquals(1, view.jsonPath().getInt("undeclaredCookies[0].count"));
        assertEquals(1, reports.size());
    }

    Response waitForReport() {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            Response r = given().auth().oauth2(TestTokens.admin()).get("/api/v1/admin/sites/" + SITE + "/cookie-monitor");
            if (!r.jsonPath().getList("undeclaredCookies").isEmpty() || System.currentTimeMillis() > deadline) {
                return r;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void samplingZeroSendsNothing() {
        setRate(0);
        Page page = openDemo(context(null));
        waitForMonitor(page); // the script is fetched, but it is the "off" script
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Alle akzeptieren").setExact(true)).click();
        page.navigate("about:blank");
        page.waitForTimeout(1500);
        assertEquals(1, scripts.size());
        assertEquals(List.of(), reports);
    }

    @Test
    void globalPrivacyControlLoadsNoMonitorAndSendsNothing() {
        setRate(1);
        Page page = openDemo(context(GPC));
        page.waitForTimeout(500);
        page.navigate("about:blank");
        page.waitForTimeout(1500);
        assertEquals(List.of(), scripts);
        assertEquals(List.of(), reports);
    }
}
