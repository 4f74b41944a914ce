package org.consentledger.console;

import com.microsoft.playwright.Page;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #12 items 5, 6, 7 and 9 in Debian's Chromium: the logs, audit, accounts, dashboard, charts and data-subject
 * pages at 1366 px and 390 px (no page wider than the screen: tables become cards), axe-core without violations, and
 * the flows a person clicks through: a log filter chosen by category title, a prefix search, an account disabled
 * through the confirmation step, a visitor found by a receipt URL. Screenshots: {@code target/screenshots/pages-*.png}.
 */
@QuarkusTest
class PagesV2BrowserTest {

    static final String SITE = "pages-v2";
    static final String ADMIN = "pages-admin";
    static final String VICTIM = "pages-to-disable";
    static final String PASSWORD = "pages-password-12";
    static final String VISITOR = "cafecafe-0000-4000-8000-000000000001";
    static String consentId;

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
    @Inject
    AgroalDataSource dataSource;

    final ConsoleBrowser console = new ConsoleBrowser(() -> base);

    @BeforeEach
    void data() {
        if (sites.findByKey(SITE).isEmpty()) {
            long id = OperatorTestData.site(sites, configs, SITE, "Pages & Söhne GmbH");
            Instant now = Instant.now().minusSeconds(120);
            consentId = OperatorTestData.event(dataSource, id, VISITOR, "given", "accept-all",
                    "{\"essential\":true,\"analytics\":true}", now);
            for (int i = 0; i < 12; i++) {
                OperatorTestData.event(dataSource, id, UUID.randomUUID().toString(), i % 2 == 0 ? "refused" : "given",
                        i % 2 == 0 ? "reject-all" : "accept-all", "{\"essential\":true,\"analytics\":" + (i % 2 == 1) + "}",
                        now.plusSeconds(i));
            }
        }
        if (accounts.find(ADMIN).isEmpty()) {
            accounts.create(ADMIN, PASSWORD, Set.of("admin"), Set.of());
            accounts.create(VICTIM, PASSWORD, Set.of("auditor"), Set.of(SITE));
        }
        rateLimiter.reset();
    }

    @AfterEach
    void close() {
        console.close();
    }

    private Page login(String locale, int width, int height) {
        return console.signIn(locale, width, height, ConsoleBrowser.Csp.BYPASSED_FOR_AXE, ADMIN, PASSWORD);
    }

    @Test
    void everyPageFitsA390PixelScreenAndIsAccessible() {
        for (int width : new int[] { 1366, 390 }) {
            Page page = login(width == 390 ? "de-DE" : "en-GB", width, width == 390 ? 844 : 900);
            for (Map.Entry<String, String> p : Map.of(
                    "dashboard", "/console",
                    "logs", "/console/logs?site=" + SITE,
                    "charts", "/console/charts?site=" + SITE + "&days=7",
                    "dsr", "/console/dsr?site=" + SITE + "&visitor=" + VISITOR,
                    "audit", "/console/admin/audit",
                    "accounts", "/console/admin/accounts").entrySet()) {
                page.navigate(console.url(p.getValue()));
                Chromium.screenshot(page, "pages-" + p.getKey() + "-" + width);
                Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
                assertTrue(((Number) overflow).intValue() <= 0, p.getKey() + " at " + width + " px is wider by " + overflow);
                List<Map<String, Object>> violations = Chromium.axeViolations(page);
                assertTrue(violations.isEmpty(), p.getKey() + " at " + width + ": " + violations);
            }
            console.close();
        }
    }

    @Test
    void logFilterByCategoryTitleAndPagingBack() {
        Page page = login("de-DE", 1366, 900);
        page.navigate(console.url("/console/logs?site=" + SITE));
        assertThat(page.locator("#log-total")).containsText("13 Einträge passen");
        page.selectOption("#filter-category", new com.microsoft.playwright.options.SelectOption().setLabel("Statistik (analytics)"));
        page.selectOption("#filter-decision", "denied");
        page.click("#apply-filter");
        assertThat(page.locator("#log-total")).containsText("6 Einträge passen");
        assertTrue(page.locator("#log").innerText().contains("Statistik ✗"), "decisions by title");
        page.fill("#filter-from", "2026-11-20");
        page.fill("#filter-to", "2026-11-10");
        page.click("#apply-filter");
        assertThat(page.locator("#filter-errors")).containsText("Das Enddatum darf nicht vor dem Startdatum liegen.");
        assertEquals(0, page.locator("#log").count(), "no table that looks like an empty result");
        Chromium.screenshot(page, "pages-logs-filter-error");

        page.navigate(console.url("/console/logs?site=" + SITE));
        page.fill("#filter-visitor", "cafecafe");
        page.click("#apply-filter");
        assertThat(page.locator("#log-total")).containsText("1 Eintrag passt");
    }

    @Test
    void accountIsDisabledOnlyAfterTheConfirmationStep() {
        Page page = login("en-GB", 390, 844);
        page.navigate(console.url("/console/admin/accounts"));
        page.locator("tr[data-user=" + VICTIM + "] button.disable-account").click();
        assertThat(page.locator("#confirm-question")).containsText("Disable the account " + VICTIM + "?");
        Chromium.screenshot(page, "pages-accounts-confirm-390");
        assertTrue(ConsoleTestData.accountEnabled(VICTIM), "asking changed nothing");
        page.click("#confirm-cancel");
        assertTrue(ConsoleTestData.accountEnabled(VICTIM));
        page.locator("tr[data-user=" + VICTIM + "] button.disable-account").click();
        page.click("#confirm-yes");
        assertThat(page.locator("#account-notice")).containsText("Account disabled");
        assertFalse(ConsoleTestData.accountEnabled(VICTIM));
        accounts.setEnabled(VICTIM, true);
    }

    @Test
    void visitorFoundByReceiptUrlAndRequestByLetterRecorded() {
        Page page = login("de-DE", 1366, 900);
        page.navigate(console.url("/console/dsr?site=" + SITE));
        page.fill("#visitor", console.url("/api/v1/receipts/" + consentId));
        page.click("#find");
        assertThat(page.locator("#shown-visitor")).hasText(VISITOR);
        assertThat(page.locator("#visitor-events")).containsText("angenommen");
        page.fill("#visitor", "0000ffff");
        page.click("#find");
        assertThat(page.locator("#no-visitor")).containsText("Kein Besucher dieser Website passt");
        page.fill("#request-visitor", VISITOR);
        page.selectOption("#request-kind", "access");
        page.selectOption("#request-channel", "letter");
        page.fill("#request-received", java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(2).toString());
        page.click("#record-request");
        assertThat(page.locator("#request-recorded")).containsText("Anfrage erfasst");
        assertThat(page.locator("#dsr-requests")).containsText("Brief");
        Chromium.screenshot(page, "pages-dsr-recorded");
    }
}
