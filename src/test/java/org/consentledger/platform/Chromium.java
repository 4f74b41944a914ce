package org.consentledger.platform;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright for Java. Never downloads a browser: PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD
 * is set for the driver and the executable is the system one. Without Chromium the tests fail loudly.
 */
public final class Chromium {

    public static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static Playwright playwright;
    private static Browser browser;

    private Chromium() {
    }

    public static synchronized Browser browser() {
        if (browser == null) {
            if (!Files.isExecutable(EXECUTABLE)) {
                throw new IllegalStateException("Browser tests need Debian's Chromium at " + EXECUTABLE
                        + " but it is not installed. Install it with: apt-get install -y chromium "
                        + "(.ci/run does this), or point CHROMIUM_PATH at a Chromium binary.");
            }
            playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE)
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--no-first-run",
                            "--host-resolver-rules=MAP *.banner.test 127.0.0.1")));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                browser.close();
                playwright.close();
            }));
        }
        return browser;
    }

    public static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
    }

    /** Runs axe-core (the npm package, from its webjar) in the page against WCAG 2.x A/AA; returns violations. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> axeViolations(Page page) {
        if (!(Boolean) page.evaluate("() => !!window.axe")) {
            page.addScriptTag(new Page.AddScriptTagOptions().setContent(axeSource()));
        }
        return (List<Map<String, Object>>) page.evaluate("() => axe.run(document, {runOnly: {type: 'tag', values: "
                + "['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa','best-practice']}, rules: {region: {enabled: false}}})"
                + ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, "
                + "nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)})))");
    }

    private static String axeSource() {
        String path = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
        try (InputStream in = Chromium.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("axe-core webjar missing: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
