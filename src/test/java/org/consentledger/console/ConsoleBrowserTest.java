package org.consentledger.console;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.consentledger.config.ConfigService;
import org.consentledger.operator.AccountService;
import org.consentledger.operator.OperatorTestData;
import org.consentledger.operator.RateLimiter;
import org.consentledger.platform.Chromium;
import org.consentledger.site.SiteService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.consentledger.console.ConsoleBrowser.assertAccessible;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in Debian's Chromium: sign-in, publish with live preview, log filter, export, ledger verification,
 * erasure, for admin, operator and auditor, in German and English; planted scripts never run. Screenshots of every
 * main page go to target/screenshots/console-*.png.
 */
@QuarkusTest
class ConsoleBrowserTest {

    static final String SITE = "console-browser";
    static final String XSS_SITE = "console-xss";
    static final String OPERATOR = "browser-operator";
    static final String AUDITOR = "browser-auditor";
    static final String PASSWORD = "browser-password-12";

    @TestHTTPResource("/")
    URL base;
    @Inject
    SiteService sites;
    @Inject
    ConfigService configs;
    @Inject
    AccountService accounts;
    @Inject
    RateLimiter rateLimiter;

    final ConsoleBrowser console = new ConsoleBrowser(() -> base);
    static String refusedVisitor;
    static String givenVisitor;

    @BeforeEach
    void data() {
        if (sites.findByKey(SITE).isEmpty()) {
            OperatorTestData.site(sites, configs, SITE, "Browser GmbH");
            givenVisitor = UUID.randomUUID().toString();
            refusedVisitor = UUID.randomUUID().toString();
            consent(givenVisitor, "accept-all", true);
            consent(refusedVisitor, "reject-all", false);
            consent(UUID.randomUUID().toString(), "accept-all", true);
        }
        ConsoleTestData.xssSite(sites, configs, XSS_SITE, ConsoleSecurityTest.XSS_NAME);
        if (accounts.find(OPERATOR).isEmpty()) {
            accounts.create(OPERATOR, PASSWORD, Set.of("operator"), Set.of(SITE, XSS_SITE));
            accounts.create(AUDITOR, PASSWORD, Set.of("auditor"), Set.of(SITE));
        }
        rateLimiter.reset();
    }

    @AfterEach
    void close() {
        console.close();
    }

    private void consent(String visitor, String method, boolean analytics) {
        given().contentType(ContentType.JSON).body("""
                {"visitorId":"%s","configVersion":1,"decisions":{"essential":true,"analytics":%s},
                 "method":"%s","language":"en","gpc":false,"pageUrl":"https://%s.example/"}"""
                .formatted(visitor, analytics, method, SITE))
                .when().post("/api/v1/sites/{site}/consents", SITE).then().statusCode(201);
    }

    /** Signs in; axe-core (injected as an inline script) needs the CSP bypassed, the XSS test keeps it on. */
    private Page login(String locale, String user, String password, ConsoleBrowser.Csp csp) {
        Page page = console.open(locale, 1280, 900, csp);
        page.navigate(console.url("/console"));
        assertTrue(page.url().endsWith("/console/login"), "unauthenticated: sent to the login page");
        ConsoleBrowser.submitLogin(page, user, password);
        return page;
    }

    @Test
    void adminInGermanEditsPreviewsAndPublishesANewVersion() {
        Page page = console.open("de-DE", 1280, 900, ConsoleBrowser.Csp.BYPASSED_FOR_AXE);
        page.navigate(console.url("/console/login"));
        assertThat(page.locator("h1")).hasText("Anmeldung zur Betreiberkonsole");
        Chromium.screenshot(page, "console-login");
        assertAccessible(page);
        page.fill("#username", "admin");
        page.fill("#password", "wrong-password-123");
        page.click("#login");
        assertThat(page.locator("#login-error")).containsText("falsches Passwort");
        ConsoleBrowser.submitLogin(page, ConsoleBrowser.ADMIN, ConsoleBrowser.ADMIN_PASSWORD);
        assertThat(page.locator("h1")).hasText("Websites");
        assertThat(page.locator("#sites")).containsText("Browser GmbH");
        assertTrue(page.locator("#sites svg.sparkline").count() > 0, "each site has a sparkline");
        Chromium.screenshot(page, "console-sites");
        assertAccessible(page);

        page.navigate(console.url("/console/editor?site=" + SITE));
        page.click("#categories-1 > summary");
        page.fill("[name='categories[1].title.de']", "Reichweite gemessen");
        page.click("#save-fields");
        page.waitForURL(u -> u.contains("draft="));
        assertThat(page.frameLocator("#preview").locator("#cl-t")).isVisible();
        assertThat(page.frameLocator("#preview").locator("text=Reichweite gemessen")).isVisible();
        Chromium.screenshot(page, "console-editor");
        assertAccessible(page);

        page.click("#publish");
        page.waitForURL(u -> u.contains("/console/editor/review"));
        assertThat(page.locator("#changes")).containsText("Reichweite gemessen");
        assertThat(page.locator("#reconsent-no")).isVisible(); // a new title alone: earlier decisions still apply
        Chromium.screenshot(page, "console-review");
        assertAccessible(page);
        page.check("#confirm");
        page.click("#confirm-publish");
        page.waitForURL(u -> u.contains("notice=published"));
        assertThat(page.locator("#notice")).containsText("Veröffentlicht");
        String published = page.locator("#published").textContent();
        assertTrue(published.startsWith("v2"), published);
        assertEquals(configs.list(SITE).get(0).contentHash(), page.locator("#published-hash").textContent());
        page.locator("#versions input[name=from][value='1']").check();
        page.locator("#versions input[name=to][value='2']").check();
        page.click("#show-diff");
        assertThat(page.locator("#diff")).containsText("analytics");
        Chromium.screenshot(page, "console-site");
        assertAccessible(page);

        page.navigate(console.url("/console/admin/accounts"));
        assertThat(page.locator("#accounts")).containsText(OPERATOR);
        Chromium.screenshot(page, "console-accounts");
        assertAccessible(page);
        page.navigate(console.url("/console/admin/audit"));
        assertThat(page.locator("#audit")).containsText("config.publish");
        Chromium.screenshot(page, "console-audit");
    }

    @Test
    void operatorInEnglishFiltersExportsVerifiesAndErases() throws Exception {
        Page page = login("en-GB", OPERATOR, PASSWORD, ConsoleBrowser.Csp.BYPASSED_FOR_AXE);
        assertThat(page.locator("#sites")).not().containsText("Alpha GmbH");
        page.navigate(console.url("/console/logs?site=" + SITE));
        assertTrue(page.locator("tr.log-row").count() >= 3);
        page.selectOption("#filter-action", "refused");
        page.click("#apply-filter");
        page.waitForURL(u -> u.contains("action=refused"));
        List<String> actions = page.locator("tr.log-row").all().stream().map(r -> r.getAttribute("data-action")).toList();
        assertFalse(actions.isEmpty());
        assertTrue(actions.stream().allMatch("refused"::equals), actions.toString());
        Chromium.screenshot(page, "console-logs");
        assertAccessible(page);

        Download csv = page.waitForDownload(() -> page.click("#export-csv"));
        String exported = Files.readString(csv.path());
        assertTrue(exported.startsWith("consent_id") || exported.contains("consent"), exported);
        assertTrue(exported.contains(refusedVisitor), "the CSV holds the filtered event");
        assertFalse(exported.contains(givenVisitor), "and only the filtered events");

        page.navigate(console.url("/console/charts?site=" + SITE));
        assertTrue(page.locator("svg.bars rect").count() > 0, "stacked bars drawn");
        Chromium.screenshot(page, "console-charts");

        page.navigate(console.url("/console/ledger?site=" + SITE));
        page.click("#verify");
        assertThat(page.locator("#verify-text")).containsText("The ledger is intact");
        Chromium.screenshot(page, "console-ledger");
        assertAccessible(page);

        page.navigate(console.url("/console/dsr?site=" + SITE));
        page.fill("#visitor", givenVisitor);
        page.click("#find");
        assertThat(page.locator("#visitor-events")).containsText("accepted");
        Download json = page.waitForDownload(() -> page.click("#dsr-export"));
        assertTrue(Files.readString(json.path()).contains(givenVisitor));
        assertThat(page.locator("#erase-form")).containsText("cannot be undone");
        Chromium.screenshot(page, "console-dsr");
        assertAccessible(page);
        page.click("#erase");
        assertThat(page.locator(".field-error")).containsText("tick the confirmation");
        page.check("#erase-confirm");
        page.click("#erase");
        assertThat(page.locator("#erased")).containsText("1 event erased");
        page.fill("#visitor", givenVisitor);
        page.click("#find");
        assertThat(page.locator("#no-visitor")).containsText("No visitor of this site matches");

        page.navigate(console.url("/console/ledger?site=" + SITE));
        page.click("#verify");
        assertThat(page.locator("#verify-text")).containsText("The ledger is intact");
    }

    @Test
    void auditorInGermanReadsButSeesNoControls() {
        Page page = login("de-DE", AUDITOR, PASSWORD, ConsoleBrowser.Csp.BYPASSED_FOR_AXE);
        page.navigate(console.url("/console/site?site=" + SITE));
        assertThat(page.locator("h1")).containsText("Browser GmbH");
        assertEquals(0, page.locator("#settings").count(), "no settings form");
        assertEquals(0, page.locator("a[href*='/console/editor']").count(), "no editor link");
        page.navigate(console.url("/console/dsr?site=" + SITE + "&visitor=" + refusedVisitor));
        assertThat(page.locator("#visitor-events")).isVisible();
        assertEquals(0, page.locator("#erase-form").count(), "no erase control");
        page.navigate(console.url("/console/ledger?site=" + SITE));
        page.click("#verify");
        assertThat(page.locator("#verify-text")).containsText("Das Ledger ist intakt");
        page.navigate(console.url("/console/editor?site=" + SITE));
        assertThat(page.locator("h1")).hasText("Nicht erlaubt");
        assertThat(page.locator("#error-code")).hasText("Fehler 403");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("English")).click();
        assertThat(page.locator("h1")).hasText("Not allowed");
        assertThat(page.locator("#error-code")).hasText("Error 403");
        page.navigate(console.url("/console"));
        assertThat(page.locator("h1")).hasText("Sites");
    }

    @Test
    void plantedScriptsNeverRun() {
        Page page = login("en-GB", OPERATOR, PASSWORD, ConsoleBrowser.Csp.ENFORCED);
        for (String path : new String[] { "/console", "/console/site?site=" + XSS_SITE, "/console/editor?site=" + XSS_SITE }) {
            page.navigate(console.url(path));
            page.locator("a:not(.skip-link), h1, td, legend").all().stream().limit(40).forEach(l -> {
                if (l.isVisible()) {
                    l.hover();
                }
            });
            assertNull(page.evaluate("() => window.pwned"), path);
        }
        assertThat(page.locator("h1")).containsText("<script>window.pwned=1</script>");
        page.click("#save-fields");
        page.waitForURL(u -> u.contains("draft="));
        assertThat(page.frameLocator("#preview").locator("#cl-t")).isVisible();
        Frame preview = page.frames().stream().filter(f -> f.url().contains("/console/preview")).findFirst().orElseThrow();
        assertNull(preview.evaluate("() => window.pwned"));
        assertNull(page.evaluate("() => window.pwned"));
        Chromium.screenshot(page, "console-xss");
        // and the Content-Security-Policy itself refuses an inline script that got into a page
        Page current = page;
        com.microsoft.playwright.PlaywrightException blocked = org.junit.jupiter.api.Assertions.assertThrows(
                com.microsoft.playwright.PlaywrightException.class,
                () -> current.addScriptTag(new Page.AddScriptTagOptions().setContent("window.pwned = 9")));
        assertTrue(blocked.getMessage().contains("Content Security Policy"), blocked.getMessage());
        assertNull(page.evaluate("() => window.pwned"));
    }
}
