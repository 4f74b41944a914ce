package org.consentledger.banner;

import org.consentledger.platform.Chromium;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.google.gson.JsonObject;
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
    void sizeAndTimeToVisibleBannerAgainstCookieConsentV3AtNoThrottleAnd4xCpu() throws Exception {
        Path dist = BenchPageResource.DIST;
        assertTrue(Files.isDirectory(dist), "run banner-js/bench/run.sh (it fetches vanilla-cookieconsent with npm pack)");
        long ccGzip = gzip(Files.readAllBytes(dist.resolve("cookieconsent.umd.js")))
                + gzip(Files.readAllBytes(dist.resolve("cookieconsent.css")));
        String version = Files.readString(dist.getParent().resolve("package.json")).replaceAll("(?s).*\"version\":\\s*\"([^\"]+)\".*", "$1");

        String site = sites.newSite();
        StringBuilder table = new StringBuilder("| CPU | Consent Ledger, per-site script (1 request) | Consent Ledger, /banner.js + config"
                + " (2 requests) | CookieConsent " + version + " |\n|---|---|---|---|\n");
        StringBuilder raw = new StringBuilder();
        double maxCls = 0;
        for (int rate : new int[] {1, 4}) {
            List<List<Double>> times = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            String[] urls = {base + "banner-bench/ours-inline/" + site, base + "banner-bench/ours/" + site,
                    base + "banner-bench/cookieconsent"};
            for (int i = 0; i < RUNS + 1; i++) {
                for (int k = 0; k < urls.length; k++) {
                    double[] m = measure(urls[k], rate);
                    if (i > 0) { // run 0 is the warm-up: JIT of the server, first compile of the pages
                        times.get(k).add(m[0]);
                        if (k < 2) {
                            maxCls = Math.max(maxCls, m[1]);
                        }
                    }
                }
            }
            table.append("| ").append(rate == 1 ? "no throttle" : rate + "x slower").append(" | ")
                    .append(String.format("%.1f ms", median(times.get(0)))).append(" | ")
                    .append(String.format("%.1f ms", median(times.get(1)))).append(" | ")
                    .append(String.format("%.1f ms", median(times.get(2)))).append(" |\n");
            raw.append("rate ").append(rate).append(": ").append(times).append("\n");
        }
        String report = "Banner benchmark " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, " + Chromium.EXECUTABLE + ", time from navigation start to a visible banner, median of " + RUNS
                + "\n\n" + table + "\nscript gzipped: ours " + bundle.gzipBytes() + " B, CookieConsent (JS + CSS) " + ccGzip
                + " B; our CLS (max over runs): " + maxCls + "\n\n" + raw;
        Files.writeString(Path.of("target", "bench", "results.md"), report);
        System.out.println(report);
    }

    private double[] measure(String url, int cpuSlowdown) {
        BrowserContext context = context();
        context.addInitScript(PROBE);
        Page page = context.newPage();
        if (cpuSlowdown > 1) {
            JsonObject rate = new JsonObject();
            rate.addProperty("rate", cpuSlowdown);
            context.newCDPSession(page).send("Emulation.setCPUThrottlingRate", rate);
        }
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
