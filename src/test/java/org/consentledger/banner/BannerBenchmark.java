package org.consentledger.banner;

import org.consentledger.platform.Chromium;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.google.gson.JsonObject;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Benchmark, not a test of the suite (its name does not match Surefire's includes): run it with
 * banner-js/bench/run.sh, which fetches the peers from npm first. Time from navigation start to a visible banner,
 * median of 10 runs per banner, all banners interleaved in the same Chromium and the same run, at no CPU throttle and
 * at 4x CPU slowdown; cumulative layout shift; gzipped size of what each page downloads for its banner.
 * Prints and writes target/bench/results.md.
 */
@QuarkusTest
class BannerBenchmark extends BannerBrowserTest {

    static final int RUNS = 10;
    /** Visible = on screen with a height, not hidden; the element each banner shows first. */
    static final String PROBE = "window.__cls = 0; new PerformanceObserver(l => l.getEntries().forEach(e => { if (!e.hadRecentInput) window.__cls += e.value; }))"
            + ".observe({type: 'layout-shift', buffered: true});"
            + "(function check() {"
            + " const h = document.getElementById('consentledger');"
            + " const q = s => document.querySelector(s);"
            + " const candidates = [h && h.shadowRoot && h.shadowRoot.querySelector('[role=dialog]'),"
            + "  document.documentElement && document.documentElement.classList.contains('show--consent') && q('#cc-main .cm'),"
            + "  q('.cc-window:not(.cc-invisible)'), q('.klaro .cookie-notice'), q('#tarteaucitronAlertBig'), q('#consent-banner')];"
            + " for (const el of candidates) { if (!el) continue; const r = el.getBoundingClientRect();"
            + "  if (r.height > 0 && r.top < innerHeight && getComputedStyle(el).visibility !== 'hidden' && getComputedStyle(el).display !== 'none') {"
            + "   window.__visibleAt = performance.now(); return; } }"
            + " requestAnimationFrame(check); })();";

    @Test
    void timeToVisibleBannerAgainstAllPeersAtNoThrottleAnd4xCpu() throws Exception {
        Path root = BenchPageResource.ROOT;
        assertTrue(Files.isDirectory(root.resolve("c15t")), "run banner-js/bench/run.sh (it fetches the peers with npm)");
        String site = sites.newSite();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("Consent Ledger, per-site script", "banner-bench/ours-inline/" + site);
        pages.put("Consent Ledger, /banner.js + config", "banner-bench/ours/" + site);
        pages.put("CookieConsent v3 " + version(root, "vanilla-cookieconsent"), "banner-bench/cookieconsent");
        pages.put("osano cookieconsent " + version(root, "cookieconsent"), "banner-bench/osano");
        pages.put("Klaro " + version(root, "klaro"), "banner-bench/klaro");
        pages.put("tarteaucitron " + version(root, "tarteaucitronjs"), "banner-bench/tarteaucitron");
        pages.put("c15t " + version(root, "c15t/node_modules/c15t") + " (offline, minimal prompt)", "banner-bench/c15t");
        List<String> names = new ArrayList<>(pages.keySet());

        Map<String, Set<String>> resources = new LinkedHashMap<>();
        Map<Integer, Map<String, List<Double>>> times = new LinkedHashMap<>();
        Map<String, Double> maxCls = new LinkedHashMap<>();
        for (int rate : new int[] {1, 4}) {
            Map<String, List<Double>> perPage = new LinkedHashMap<>();
            names.forEach(n -> perPage.put(n, new ArrayList<>()));
            for (int i = 0; i < RUNS + 1; i++) {
                for (String name : names) {
                    Measurement m = measure(base + pages.get(name), rate);
                    resources.computeIfAbsent(name, k -> new LinkedHashSet<>()).addAll(m.resources());
                    if (i > 0) { // run 0 is the warm-up: JIT of the server, first compile of the pages
                        perPage.get(name).add(m.visibleMs());
                        maxCls.merge(name, m.cls(), Math::max);
                    }
                }
            }
            times.put(rate, perPage);
        }

        HttpClient http = HttpClient.newHttpClient();
        StringBuilder table = new StringBuilder("| banner | no throttle | ratio to ours | 4x CPU slowdown | ratio to ours"
                + " | CLS (max) | JS+CSS gzipped |\n|---|---|---|---|---|---|---|\n");
        double ours1 = median(times.get(1).get(names.get(0)));
        double ours4 = median(times.get(4).get(names.get(0)));
        for (String name : names) {
            double t1 = median(times.get(1).get(name));
            double t4 = median(times.get(4).get(name));
            long size = 0;
            for (String url : resources.get(name)) {
                size += gzip(http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray()).body());
            }
            table.append(String.format("| %s | %.0f ms | %.2f | %.0f ms | %.2f | %.3f | %d B |%n", name, t1, t1 / ours1, t4,
                    t4 / ours4, maxCls.get(name), size));
        }
        StringBuilder raw = new StringBuilder();
        times.forEach((rate, perPage) -> perPage.forEach((name, list) ->
                raw.append("rate ").append(rate).append(", ").append(name).append(": ").append(list).append('\n')));
        resources.forEach((name, urls) -> raw.append(name).append(" loads ").append(urls).append('\n'));
        String report = "Banner benchmark " + OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES) + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, load average "
                + Files.readString(Path.of("/proc/loadavg")).trim() + ", " + Chromium.EXECUTABLE
                + "; time from navigation start to a visible banner, median of " + RUNS
                + " (all banners interleaved in the same run)\n\n" + table + "\n" + raw;
        Files.writeString(root.resolve("results.md"), report);
        System.out.println(report);
    }

    record Measurement(double visibleMs, double cls, List<String> resources) {
    }

    private Measurement measure(String url, int cpuSlowdown) {
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
        double visible = ((Number) page.evaluate("() => window.__visibleAt")).doubleValue();
        double cls = ((Number) page.evaluate("() => window.__cls")).doubleValue();
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) page.evaluate("() => performance.getEntriesByType('resource')"
                + ".filter(e => /\\.(js|css)(\\?|$)|\\/banner(\\?|$)/.test(e.name)).map(e => e.name)");
        context.close();
        return new Measurement(visible, cls, loaded);
    }

    static String version(Path root, String packageDir) {
        Path json = root.resolve(packageDir).resolve(packageDir.contains("node_modules") ? "package.json" : "package/package.json");
        try {
            return Files.readString(json).replaceAll("(?s).*?\"version\":\\s*\"([^\"]+)\".*", "$1");
        } catch (IOException e) {
            return "?";
        }
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
