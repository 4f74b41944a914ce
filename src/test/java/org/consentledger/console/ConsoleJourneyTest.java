package org.consentledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.consentledger.config.ConfigService;
import org.consentledger.platform.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.consentledger.console.ConsoleBrowser.assertAccessible;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #12's journey in Debian's Chromium, from a fresh database with the demo sites off: the admin signs in, adds
 * a site from the empty state, copies the banner tag from the Install page into the website (a local test page on an
 * allowed origin), opens the website, sees "banner seen" in the console, edits the banner texts in both languages and
 * adds a service with two cookies through the form only, reviews the changes, publishes, sees the website's banner ask
 * again, and rolls back. Every step is saved as a screenshot at 1366 px and 390 px under target/screenshots/journey-*;
 * axe-core checks every console page on the way.
 */
@QuarkusTest
@TestProfile(FreshDatabaseProfile.class)
class ConsoleJourneyTest {

    static final String KEY = "journey-bakery";

    @TestHTTPResource("/")
    URL base;
    @Inject
    ConfigService configs;
    @Inject
    ObjectMapper mapper;

    final ConsoleBrowser console = new ConsoleBrowser(() -> base);

    @AfterEach
    void close() {
        console.close();
    }

    /** The operator's website: another origin (a *.banner.test host Chromium maps to 127.0.0.1), same test server. */
    private String websiteOrigin() {
        return "http://www.journey.banner.test:" + base.getPort();
    }

    private static void shoot(Page page, String name) {
        page.setViewportSize(1366, 900);
        Chromium.screenshot(page, name + "-1366");
        page.setViewportSize(390, 844);
        Chromium.screenshot(page, name + "-390");
        page.setViewportSize(1366, 900);
    }

    private static Locator banner(Page site) {
        return site.locator("#consentledger [role=dialog]");
    }

    @Test
    void adminGoesFromAFreshInstallToAPublishedBannerAndBack() throws Exception {
        Page page = console.open("en-GB", 1366, 900, ConsoleBrowser.Csp.BYPASSED_FOR_AXE);
        JourneyPageResource.gated = "";

        // 1. sign in
        page.navigate(console.url("/console"));
        assertTrue(page.url().endsWith("/console/login"));
        shoot(page, "journey-01-login");
        assertAccessible(page);
        ConsoleBrowser.submitLogin(page, ConsoleBrowser.ADMIN, ConsoleBrowser.ADMIN_PASSWORD);

        // 2. the empty state offers to add the first site
        assertThat(page.locator("#empty-state")).isVisible();
        shoot(page, "journey-02-empty-state");
        assertAccessible(page);
        page.click("#add-site");

        // 3. add the site: the key is suggested from the name
        page.waitForURL(u -> u.contains("/console/sites/new"));
        page.fill("#name", "Journey Bakery");
        assertEquals(KEY, page.inputValue("#siteKey"));
        page.fill("#origins", websiteOrigin());
        page.check("input[name=languages][value=de]");
        page.check("input[name=languages][value=en]");
        page.check("input[name=template][value=starter]");
        shoot(page, "journey-03-add-site");
        assertAccessible(page);
        page.click("#create-site");

        // 4. the Install page: the banner tag to copy, "not seen yet"
        page.waitForURL(u -> u.contains("/console/install"));
        assertThat(page.locator("#check-status")).hasClass("warn");
        String tag = page.inputValue("#banner-tag");
        assertTrue(tag.contains("data-site=\"" + KEY + "\""), tag);
        shoot(page, "journey-04-install");
        assertAccessible(page);

        // 5. the tag goes into the website; the visitor sees the banner and accepts
        JourneyPageResource.bannerTag = tag;
        Page site = console.newPage();
        site.navigate(websiteOrigin() + "/journey-site");
        assertThat(banner(site)).isVisible();
        assertThat(site.locator("#cl-t")).hasText("Cookies and privacy");
        shoot(site, "journey-05-website-banner");
        site.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Accept all").setExact(true)).click();
        assertThat(banner(site)).isHidden();

        // 6. the console says where the banner was seen
        page.reload();
        assertThat(page.locator("#check-status")).containsText("Banner seen on " + websiteOrigin());
        shoot(page, "journey-06-banner-seen");

        // 7. the editor: texts in both languages side by side
        page.navigate(console.url("/console/editor?site=" + KEY));
        assertThat(page.locator("#texts")).isVisible();
        shoot(page, "journey-07-editor");
        assertAccessible(page);
        page.fill("[name='texts.de.title']", "Cookies in der Journey-Bäckerei");
        page.fill("[name='texts.en.title']", "Cookies at Journey Bakery");
        page.fill("[name='texts.de.acceptAll']", "Alles klar, akzeptieren");
        page.fill("[name='texts.en.acceptAll']", "Fine, accept all");

        // 8. add a service: no errors before anything is typed
        page.click("#add-service");
        page.waitForURL(u -> u.contains("draft=") && u.contains("focus=services"));
        Locator service = page.locator("#services-2");
        assertThat(service).hasAttribute("open", "");
        assertEquals(0, service.locator(".field-error:visible").count(), "no errors before anything is typed");
        assertEquals(0, page.locator("#error-summary").count());
        assertEquals("Cookies at Journey Bakery", page.inputValue("[name='texts.en.title']"), "the text edits were kept");
        // touching a required field and leaving it empty names the problem right there
        page.focus("[name='services[2].name']");
        page.focus("[name='services[2].provider']");
        assertThat(page.locator("#f-services-2-name-error")).isVisible();
        shoot(page, "journey-08-new-service");
        assertAccessible(page);
        page.fill("[name='services[2].name']", "Journey Stats");
        page.fill("[name='services[2].provider']", "Journey Stats Ltd, 1 High Street, London, UK");
        page.selectOption("[name='services[2].category']", "analytics");
        page.selectOption("[name='services[2].legalBasis']", "consent");
        page.fill("[name='services[2].purpose.de']", "Besuchsstatistik");
        page.fill("[name='services[2].purpose.en']", "Visit statistics");
        page.selectOption("[name='services[2].thirdCountryTransfer.country']", "GB");
        page.selectOption("[name='services[2].thirdCountryTransfer.mechanism']", "adequacy");
        // the provider's privacy policy link stays empty: optional
        page.click("#services-2-add-cookie");
        page.waitForURL(u -> u.contains("focus=services%5B2%5D") || u.contains("focus=services[2]"));
        page.fill("[name='services[2].cookies[0].name']", "_js_id");
        page.fill("[name='services[2].cookies[0].maxAge.amount']", "13");
        page.selectOption("[name='services[2].cookies[0].maxAge.unit']", "months");
        page.click("#services-2-add-cookie");
        page.waitForURL(u -> u.contains("focus="));
        page.fill("[name='services[2].cookies[1].name']", "_js_session");
        page.selectOption("[name='services[2].cookies[1].thirdParty']", "third");
        page.fill("[name='services[2].cookies[1].domain']", "stats.example");
        page.selectOption("[name='services[2].cookies[1].maxAge.unit']", "session");
        page.click("#save-fields");
        page.waitForURL(u -> u.contains("check=1"));
        assertEquals(0, page.locator("#error-summary").count(), "the draft is complete");
        assertThat(page.frameLocator("#preview").locator("#cl-t")).hasText("Cookies at Journey Bakery");
        shoot(page, "journey-09-editor-saved");
        assertAccessible(page);

        // 9. review: every change old → new, and why visitors are asked again
        page.click("#publish");
        page.waitForURL(u -> u.contains("/console/editor/review"));
        assertThat(page.locator("#changes")).containsText("Journey Stats");
        assertThat(page.locator("#changes")).containsText("Cookies at Journey Bakery");
        assertThat(page.locator("#reconsent-yes")).isVisible();
        // why, in words: the service by its name, the category by its title (no ids where a title exists)
        assertThat(page.locator("#reconsent")).containsText("service Journey Stats added to optional category Analytics");
        assertThat(page.locator("#changes")).containsText("13 months");
        assertThat(page.locator("#changes")).containsText("the provider's domain (third-party)");
        assertThat(page.locator("#changes")).not().containsText("P13M");
        shoot(page, "journey-10-review");
        assertAccessible(page);
        page.check("#confirm");
        page.click("#confirm-publish");
        page.waitForURL(u -> u.contains("notice=published"));
        assertThat(page.locator("#published")).containsText("v2");
        shoot(page, "journey-11-published");
        assertAccessible(page);
        String stored = configs.list(KEY).get(0).content();
        assertTrue(stored.contains("\"maxAge\":\"P13M\"") && stored.contains("\"maxAge\":\"session\""), stored);
        assertTrue(stored.contains("\"thirdCountryTransfer\":\"United Kingdom (adequacy decision)\""), stored);

        // 10. the website's banner asks again: a new service needing consent is a material change. The operator adds
        // the new service's gated script to the page; it must not run on the visitor's earlier consent, neither on a
        // page view that still renders the browser's cached (older) config nor after. The config is fresh for 2 s in
        // this profile (a minute in production), then revalidated in the background: the banner asks from the page
        // view after the revalidation. Each view is judged once the banner has initialised (ConsentLedger.ready).
        String serviceId = null;
        for (JsonNode s : mapper.readTree(stored).path("services")) {
            if ("Journey Stats".equals(s.path("name").asText())) {
                serviceId = s.path("id").asText();
            }
        }
        assertTrue(serviceId != null && !serviceId.isBlank(), stored);
        JourneyPageResource.gated = "<script type=\"text/plain\" data-category=\"analytics\" data-service=\"" + serviceId
                + "\">window.journeyStatsRuns = (window.journeyStatsRuns || 0) + 1;</script>";
        boolean asks = false;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        for (int view = 1; !asks && System.nanoTime() < deadline; view++) {
            site.reload();
            site.evaluate("() => window.ConsentLedger.ready");
            asks = banner(site).count() > 0;
            assertEquals(null, site.evaluate("() => window.journeyStatsRuns"),
                    "view " + view + ": the new service ran on a consent that did not cover it");
        }
        assertTrue(asks, "the website's banner asks again after the publication");
        assertThat(banner(site)).isVisible();
        assertThat(site.locator("#cl-t")).hasText("Cookies at Journey Bakery");
        assertThat(site.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Fine, accept all").setExact(true)))
                .isVisible();
        shoot(site, "journey-12-website-asks-again");
        site.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Fine, accept all").setExact(true)).click();
        assertThat(banner(site)).isHidden();
        site.waitForFunction("() => window.journeyStatsRuns === 1");

        // 11. the consent log shows the visitor's decisions by the categories' titles, in the console's language
        page.navigate(console.url("/console/logs?site=" + KEY));
        assertThat(page.locator("#log")).containsText("Analytics ✓");
        assertTrue(!page.locator("#log").innerText().contains("analytics ✓"), "no category ids: " + page.locator("#log").innerText());
        shoot(page, "journey-13-consent-log");
        page.click("#lang-switch");
        assertThat(page.locator("html")).hasAttribute("lang", "de");
        assertThat(page.locator("#log")).containsText("Statistik ✓");
        assertThat(page.locator("#log")).not().containsText("analytics ✓");
        page.click("#lang-switch");
        assertThat(page.locator("html")).hasAttribute("lang", "en");

        // 12. roll back to version 1 (published again as version 3)
        page.navigate(console.url("/console/site?site=" + KEY));
        page.click("#rollback-1");
        page.waitForURL(u -> u.contains("/console/rollback"));
        assertThat(page.locator("#changes")).containsText("Journey Stats");
        shoot(page, "journey-14-rollback-review");
        assertAccessible(page);
        page.check("#confirm");
        page.click("#confirm-publish");
        page.waitForURL(u -> u.contains("notice=rolledback"));
        assertThat(page.locator("#published")).containsText("v3");
        assertEquals(configs.get(KEY, 1).get().contentHash(), configs.list(KEY).get(0).contentHash(),
                "version 3 is version 1 again");
        shoot(page, "journey-15-rolled-back");
        assertAccessible(page);
    }
}
