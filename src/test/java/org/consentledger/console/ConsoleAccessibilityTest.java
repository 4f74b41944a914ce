package org.consentledger.console;

import com.microsoft.playwright.Page;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.consentledger.config.ConfigService;
import org.consentledger.operator.OperatorTestData;
import org.consentledger.operator.RateLimiter;
import org.consentledger.platform.Chromium;
import org.consentledger.site.SiteService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue #12 items 4 and 8 in Debian's Chromium: every console page in German and English at 1366 and 390 px has no
 * horizontal page overflow at 390 px, no axe-core (WCAG 2.x A/AA) violation, a skip link, and prints no raw message
 * key or wire value; the publish review and the rollback review included. Screenshots:
 * target/screenshots/a11y-{page}-{lang}-{width}.png.
 */
@QuarkusTest
class ConsoleAccessibilityTest {

    static final String SITE = "console-a11y";

    @TestHTTPResource("/")
    URL base;
    @Inject
    SiteService sites;
    @Inject
    ConfigService configs;
    @Inject
    RateLimiter rateLimiter;
    @Inject
    DraftService drafts;

    final ConsoleBrowser console = new ConsoleBrowser(() -> base);

    /** A draft that adds a service to version 2 (a review with changes that asks visitors again). */
    String draft;

    @BeforeEach
    void data() {
        long siteId = OperatorTestData.site(sites, configs, SITE, "Barrierefrei GmbH");
        if (configs.list(SITE).size() < 2) {
            // version 2 with new titles, so that the rollback review has changes to show
            configs.publish(SITE, changed(false), "test");
        }
        draft = drafts.save(siteId, changed(true), "test");
        rateLimiter.reset();
    }

    @AfterEach
    void close() {
        console.close();
    }

    private static ObjectNode changed(boolean withService) {
        ObjectNode config = OperatorTestData.exampleConfig();
        ((ObjectNode) config.with("texts").with("de")).put("title", "Cookies bei Barrierefrei");
        ((ObjectNode) config.with("texts").with("en")).put("title", "Cookies at Barrierefrei");
        if (withService) {
            ObjectNode stats = ((ObjectNode) config.withArray("services").get(1)).deepCopy();
            stats.put("id", "barrierefrei-stats").put("name", "Barrierefrei Stats");
            config.withArray("services").add(stats);
        }
        return config;
    }

    @Test
    void everyPageInBothLanguagesAtBothWidths() {
        List<String> pages = List.of("/console", "/console/site?site=" + SITE, "/console/sites/new",
                "/console/install?site=" + SITE, "/console/editor?site=" + SITE, "/console/logs?site=" + SITE,
                "/console/charts?site=" + SITE, "/console/ledger?site=" + SITE, "/console/dsr?site=" + SITE,
                "/console/monitor?site=" + SITE, "/console/admin/audit", "/console/admin/accounts",
                "/console/editor/review?site=" + SITE + "&draft=" + draft, "/console/rollback?site=" + SITE + "&version=1",
                "/console/no-such-page");
        List<String> problems = new ArrayList<>();
        for (String locale : List.of("de-DE", "en-GB")) {
            for (int width : new int[] { 1366, 390 }) {
                Page page = console.open(locale, width, 900, ConsoleBrowser.Csp.BYPASSED_FOR_AXE);
                page.navigate(console.url("/console/login"));
                check(page, "login", locale, width, problems);
                ConsoleBrowser.submitLogin(page, ConsoleBrowser.ADMIN, ConsoleBrowser.ADMIN_PASSWORD);
                for (String path : pages) {
                    page.navigate(console.url(path));
                    String name = path.replaceAll("^/console/?", "").replaceAll("\\?.*", "").replace('/', '-');
                    check(page, name.isEmpty() ? "sites" : name, locale, width, problems);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    private static void check(Page page, String name, String locale, int width, List<String> problems) {
        String where = name + " " + locale + " " + width + " px: ";
        Chromium.screenshot(page, "a11y-" + name + "-" + locale.substring(0, 2) + "-" + width);
        if (width <= 390) {
            Number scroll = (Number) page.evaluate("() => document.documentElement.scrollWidth");
            if (scroll.intValue() > width) {
                problems.add(where + "page is " + scroll + " px wide");
            }
        }
        if (page.locator("a.skip-link[href='#main']").count() != 1) {
            problems.add(where + "no skip link");
        }
        String text = (String) page.evaluate("() => document.body.innerText");
        for (String raw : new String[] { "{msg:", "{cl:", "{pg:", "{lbl:", "{val:", "{mon:", "accept-all", "reject-all",
                "legitimate-interest", "save-settings", "Not Found", "404 ·" }) {
            if (text.contains(raw)) {
                problems.add(where + "prints " + raw);
            }
        }
        List<Map<String, Object>> violations = Chromium.axeViolations(page);
        if (!violations.isEmpty()) {
            problems.add(where + violations);
        }
    }
}
