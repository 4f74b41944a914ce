package org.consentledger.banner;

import org.consentledger.platform.Chromium;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Benchmark, not a test of the suite (its name does not match Surefire's includes): run it with
 * banner-js/bench/run.sh, which fetches CookieConsent v3 from npm first. Prints and writes target/bench/results.md.
 */
@QuarkusTest
class BannerBenchmark extends BannerBrowserTest {

    static final int RUNS = 10;
    static final String PROBE = "window.__cls = 0; new PerformanceObserver(l => l.getEntries().forEach(e => { window.__cls += e.value; }))"
            + ".observe({type: 'layout-shift', buffered: true});"
            + "(function check() { const h = document.getElementById('consentledger');"
            + " const ours = h && h.shadowRoot && h.shadowRoot.querySelector('[role=dialog]');"
            + " const cc = document.documentElement && document.documentElement.classList.contains('show--consent') && document.querySelector('#cc-main .cm');"
            + " const el = ours || cc;"
            + " if (el && el.getBoundingClientRect().height > 0) { window.__visibleAt = performance.now(); return; }"
            + " requestAnimationFrame(check); })();";

    @Test
    void sizeAndTimeToVisibleBannerAgainstCookieConsentV3() throws Exception {
        Path dist = BenchPageResource.DIST;
        assertTrue(Files.isDirectory(dist), "run banner-js/bench/run.sh (it fetches vanilla-cookieconsent with npm pack)");
        long ccGzip = gzip(Files.readAllBytes(dist.resolve("cookieconsent.umd.js")))
                + gzip(Files.readAllBytes(dist.resolve("cookieconsent.css")));
        String version = Files.readString(dist.getParent().resolve("package.json")).replaceAll("(?s).*\"version\":\\s*\"([^\"]+)\".*", "$1");

        String site = sites.newSite();
        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        double oursCls = 0;
        double theirsCls = 0;
        for (int i = 0; i < RUNS + 1; i++) {
            double[] a = measure(base + "banner-bench/ours/" + site);
            double[] b = measure(base + "banner-bench/cookieconsent");
            if (i == 0) {
                continue; // warm-up: JIT of the server, first compile of the pages
            }
            ours.add(a[0]);
            theirs.add(b[0]);
            oursCls = Math.max(oursCls, a[1]);
            theirsCls = Math.max(theirsCls, b[1]);
        }
        String table = "| | Consent Ledger banner | CookieConsent " + version + " |\n|---|---|---|\n"
                + "| JS + CSS, gzipped | " + bundle.gzipBytes() + " B | " + ccGzip + " B |\n"
                + "| time to visible banner, median of " + RUNS + " (ms) | " + String.format("%.1f", median(ours))
                + " | " + String.format("%.1f", median(theirs)) + " |\n"
                + "| CLS (max over runs) | " + oursCls + " | " + theirsCls + " |\n";
        String report = "Banner benchmark " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, " + Chromium.EXECUTABLE + "\n\n" + table + "\nruns ours: " + ours + "\nruns CookieConsent: " + theirs + "\n";
        Files.writeString(Path.of("target", "bench", "results.md"), report);
        System.out.println(report);
    }

    private double[] measure(String url) {
        BrowserContext context = context();
        context.addInitScript(PROBE);
        Page page = context.newPage();
        page.navigate(url);
        page.waitForFunction("() => window.__visibleAt !== undefined");
        page.waitForTimeout(300);
        double[] result = {((Number) page.evaluate("() => window.__visibleAt")).doubleValue(),
                ((Number) page.evaluate("() => window.__cls")).doubleValue()};
        context.close();
        return result;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static long gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(9);
            }
        }) {
            gz.write(data);
        }
        return out.size();
    }
}
