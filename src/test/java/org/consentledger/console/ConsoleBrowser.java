package org.consentledger.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.consentledger.platform.Chromium;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in Debian's Chromium for one browser test: a fresh browser context per {@link #open}, sign-in through
 * the login form and the console's URLs on the test server. The test closes it in its {@code @AfterEach}.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "test-admin-password-1";

    /** axe-core is injected as an inline script, which the console's Content-Security-Policy refuses. */
    enum Csp {
        ENFORCED, BYPASSED_FOR_AXE
    }

    private final Supplier<URL> base;
    private BrowserContext context;

    /** {@code base}: the test server's root, read when a page is opened (after Quarkus injected it into the test). */
    ConsoleBrowser(Supplier<URL> base) {
        this.base = base;
    }

    /** A page in a new browser context; the context opened before is closed. */
    Page open(String locale, int width, int height, Csp csp) {
        close();
        context = Chromium.browser().newContext(new Browser.NewContextOptions().setLocale(locale)
                .setViewportSize(width, height).setAcceptDownloads(true).setBypassCSP(csp == Csp.BYPASSED_FOR_AXE));
        return context.newPage();
    }

    /** Another page (tab) in the context {@link #open} opened last: the same browser, its cookies included. */
    Page newPage() {
        return context.newPage();
    }

    /** A page in a new browser context, signed in as {@code user} and showing the sites page. */
    Page signIn(String locale, int width, int height, Csp csp, String user, String password) {
        Page page = open(locale, width, height, csp);
        page.navigate(url("/console/login"));
        submitLogin(page, user, password);
        return page;
    }

    /** Fills in the login form the page shows, sends it and waits for the sites page. */
    static void submitLogin(Page page, String user, String password) {
        page.fill("#username", user);
        page.fill("#password", password);
        page.click("#login");
        page.waitForURL(u -> u.endsWith("/console"));
    }

    String url(String path) {
        String b = base.get().toString();
        return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path;
    }

    /** axe-core (WCAG 2.x A/AA) finds nothing on the page. */
    static void assertAccessible(Page page) {
        List<Map<String, Object>> violations = Chromium.axeViolations(page);
        assertTrue(violations.isEmpty(), page.url() + ": " + violations);
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
            context = null;
        }
    }
}
