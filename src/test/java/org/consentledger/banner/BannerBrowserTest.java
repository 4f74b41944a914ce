package org.consentledger.banner;

import org.consentledger.platform.Chromium;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;

import javax.sql.DataSource;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shared helpers of the banner's browser tests: a fresh Chromium context per test, the fixture page, the service. */
abstract class BannerBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    BannerSites sites;

    @Inject
    DataSource dataSource;

    @Inject
    BannerBundle bundle;

    private final List<BrowserContext> contexts = new ArrayList<>();
    /** Consent POSTs the page sent (method, url, headers, body), in order. */
    final List<Request> consentPosts = new CopyOnWriteArrayList<>();
    /** The page opened last: its Playwright clock drives the waits of {@link #history}. */
    private Page lastPage;

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    BrowserContext context() {
        return context(new Browser.NewContextOptions());
    }

    BrowserContext context(Browser.NewContextOptions options) {
        if (options.viewportSize == null) {
            options.setViewportSize(1280, 720);
        }
        if (options.locale == null) {
            options.setLocale("de-DE");
        }
        BrowserContext context = Chromium.browser().newContext(options);
        context.onRequest(r -> {
            if ("POST".equals(r.method()) && r.url().contains("/consents")) {
                consentPosts.add(r);
            }
        });
        contexts.add(context);
        return context;
    }

    String pageUrl(String site) {
        return base + "banner-test/page/" + site;
    }

    Page open(BrowserContext context, String url) {
        Page page = context.newPage();
        lastPage = page;
        page.navigate(url);
        page.waitForFunction("() => !!window.ConsentLedger");
        page.evaluate("() => ConsentLedger.ready");
        return page;
    }

    Locator dialog(Page page) {
        return page.locator("#consentledger [role=dialog]");
    }

    Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> effects(Page page) {
        return (Map<String, Object>) page.evaluate("() => Object.assign({}, window.__effects || {})");
    }

    String visitorId(Page page) {
        return (String) page.evaluate("() => ConsentLedger.getConsent() && ConsentLedger.getConsent().visitorId");
    }

    /**
     * The visitor's history as the service recorded it (GET .../visitors/{id}/consent), newest first. Waits with
     * Playwright's clock so the driver keeps dispatching (route handlers, events) while the page posts.
     */
    JsonPath history(String site, String visitorId, int expectedEvents) {
        String path = "/api/v1/sites/" + site + "/visitors/" + visitorId + "/consent";
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            io.restassured.response.Response response = RestAssured.get(path);
            if (response.statusCode() == 200 && response.jsonPath().getList("history").size() >= expectedEvents) {
                return response.jsonPath();
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("expected " + expectedEvents + " recorded events for " + visitorId + ", got "
                        + response.statusCode() + " " + response.asString());
            }
            clockPage().waitForTimeout(200);
        }
    }

    /** The page whose Playwright clock the waits use: the one opened last, also when a test opened it itself. */
    private Page clockPage() {
        if (lastPage != null) {
            return lastPage;
        }
        for (int i = contexts.size() - 1; i >= 0; i--) {
            List<Page> pages = contexts.get(i).pages();
            if (!pages.isEmpty()) {
                return pages.get(pages.size() - 1);
            }
        }
        throw new IllegalStateException("history() waits with a page's clock: open a page first");
    }

    String storedBannerHash(String visitorId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT banner_hash FROM consent_event WHERE visitor_id = ? ORDER BY id DESC LIMIT 1")) {
            s.setString(1, visitorId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @SuppressWarnings("unchecked")
    List<String> storageKeys(Page page) {
        return (List<String>) page.evaluate("() => Object.keys(localStorage).concat(Object.keys(sessionStorage))");
    }
}
