package org.consentledger.console;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.consentledger.config.ConfigService;
import org.consentledger.operator.AccountService;
import org.consentledger.operator.OperatorTestData;
import org.consentledger.operator.RateLimiter;
import org.consentledger.operator.TestTokens;
import org.consentledger.platform.Chromium;
import org.consentledger.site.SiteService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Set;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cookie monitor in the console: from a visitor's report to a published config that declares the cookie. */
@QuarkusTest
class MonitorConsoleBrowserTest {

    static final String SITE = "mon-console";
    static final String OPERATOR = "monitor-operator";
    static final String PASSWORD = "monitor-password-12";

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

    @AfterEach
    void close() {
        console.close();
    }

    @Test
    void anUndeclaredCookieGoesFromTheReportIntoAPublishedConfigAndAHostIsIgnoredWithAReason() {
        OperatorTestData.site(sites, configs, SITE, "Monitor <Console> GmbH");
        if (accounts.find(OPERATOR).isEmpty()) {
            accounts.create(OPERATOR, PASSWORD, Set.of("operator"), Set.of(SITE));
        }
        rateLimiter.reset();
        given().auth().oauth2(TestTokens.admin()).contentType("application/json").body("{\"sampleRate\":1}")
                .put("/api/v1/admin/sites/" + SITE + "/cookie-monitor/settings").then().statusCode(200);
        given().header("Origin", "https://" + SITE + ".example").contentType("text/plain")
                .body("{\"configVersion\":1,\"path\":\"/shop\",\"cookies\":[{\"name\":\"_gid\",\"beforeDecision\":true}],"
                        + "\"hosts\":[{\"host\":\"fonts.cdn.example\",\"beforeDecision\":true}]}")
                .post("/api/v1/sites/" + SITE + "/cookie-reports").then().statusCode(202);

        Page page = console.signIn("en-GB", 1280, 900, ConsoleBrowser.Csp.ENFORCED, OPERATOR, PASSWORD);
        page.navigate(console.url("/console/site?site=" + SITE));
        page.click("nav.sitenav >> text=Cookie monitor");
        page.waitForURL(u -> u.contains("/console/monitor"));

        // the red list and the undeclared cookie with its catalogue suggestion
        assertThat(page.locator("#before-consent")).containsText("_gid");
        assertThat(page.locator("#before-consent")).containsText("fonts.cdn.example");
        assertThat(page.locator("#before-consent")).containsText("/shop");
        Locator row = page.locator("#undeclared-cookies tr[data-cookie='_gid']");
        assertThat(row).containsText("Google Analytics");
        Chromium.screenshot(page, "console-cookie-monitor");

        // add to config under Microsoft Clarity -> draft in the editor -> review -> publish
        row.locator("select[name=service]").selectOption("clarity");
        row.locator("input[name=maxAge]").fill("P1D");
        row.locator("button", new Locator.LocatorOptions().setHasText("Add to config")).click();
        page.waitForURL(u -> u.contains("/console/editor") && u.contains("draft="));
        page.click("#publish");
        page.waitForURL(u -> u.contains("/console/editor/review"));
        page.check("#confirm");
        page.click("#confirm-publish");
        page.waitForURL(u -> u.contains("notice=published"));
        assertTrue(configs.list(SITE).get(0).version() >= 2);
        assertTrue(configs.latestPublished(sites.requireSnapshot(SITE).id()).orElseThrow().content().toString().contains("\"_gid\""));

        // declared now: no longer undeclared, but still red (an analytics cookie set before consent)
        page.navigate(console.url("/console/monitor?site=" + SITE));
        assertThat(page.locator("#cookies-none")).isVisible();
        assertThat(page.locator("#before-consent")).containsText("_gid");

        // ignore the font host with a reason (escaped when shown, audited)
        Locator host = page.locator("#hosts tr[data-host='fonts.cdn.example']");
        host.locator("input[name=reason]").fill("<b>self-hosted fonts CDN</b>");
        host.locator("button").click();
        page.waitForURL(u -> u.contains("notice=saved"));
        assertThat(page.locator("#ignored")).containsText("<b>self-hosted fonts CDN</b>");
        assertThat(page.locator("#hosts-none")).isVisible();
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/admin/audit?action=monitor.ignore&site=" + SITE)
                .then().statusCode(200).body(org.hamcrest.Matchers.containsString("host:fonts.cdn.example"));
    }
}
