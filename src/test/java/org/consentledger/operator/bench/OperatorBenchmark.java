package org.consentledger.operator.bench;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.consentledger.config.ConfigService;
import org.consentledger.operator.OperatorTestData;
import org.consentledger.operator.TestTokens;
import org.consentledger.site.SiteService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;

/**
 * Operator API benchmark with its data generator. Not part of the test suite: it runs only when
 * {@code bench.events} is set. See docs/PERFORMANCE.md "Operator API" for the command and figures.
 *
 * <p>The generator fills one site ({@code bench}) with {@code bench.events} consent events spread evenly over the
 * last 90 days, server-side ({@code INSERT ... SELECT} from MariaDB's SEQUENCE engine), so generating 10 M rows
 * does not go through the JVM. Mix: 55 % given, 30 % refused, 12 % partial, 3 % withdrawn; one visitor per three
 * events. Existing events of the site are reused when the count already matches.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench.events", matches = "\\d+")
class OperatorBenchmark {

    static final String SITE = "bench";

    @Inject
    AgroalDataSource dataSource;

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL baseUrl;

    @Inject
    SiteService sites;

    @Inject
    ConfigService configs;

    @Test
    void run() throws Exception {
        long events = Long.getLong("bench.events");
        long siteId = OperatorTestData.site(sites, configs, SITE, "Benchmark site");
        StringBuilder report = new StringBuilder();
        generate(siteId, events, report);
        String token = TestTokens.claims("bench-auditor", java.util.Set.of("auditor"), List.of(SITE)).expiresIn(900).sign(); // the service accepts at most 15 min

        String base = "/api/v1/admin/sites/" + SITE + "/consents";
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String[][] filters = {
                {},
                { "action", "withdrawn" },
                { "category", "analytics", "decision", "denied" },
                { "method", "save-settings" },
                { "from", today.minusDays(30).toString(), "to", today.minusDays(29).toString() },
                { "visitor", visitorOf(events / 2, events) },
                { "action", "partial", "from", today.minusDays(60).toString() },
        };
        // warm-up
        for (int i = 0; i < 20; i++) {
            page(token, base, filters[i % filters.length], null);
        }
        List<Long> times = new ArrayList<>();
        for (int round = 0; round < Integer.getInteger("bench.rounds", 30); round++) {
            for (String[] filter : filters) {
                String cursor = null;
                for (int p = 0; p < 3; p++) { // first page and two follow-up pages
                    long t0 = System.nanoTime();
                    Response r = page(token, base, filter, cursor);
                    times.add(System.nanoTime() - t0);
                    cursor = r.path("nextCursor");
                    if (cursor == null) {
                        break;
                    }
                }
            }
        }
        if (!times.isEmpty()) line(report, "filtered page of 100 (HTTP, %d requests over %d filters): p50 %.1f ms, p95 %.1f ms, max %.1f ms",
                times.size(), filters.length, pct(times, 50), pct(times, 95), pct(times, 100));

        String stats = "/api/v1/admin/sites/" + SITE + "/stats";
        long t0 = System.nanoTime();
        if (Boolean.parseBoolean(System.getProperty("bench.stats", "true"))) {
        given().auth().oauth2(token).queryParam("from", today.minusDays(89).toString()).queryParam("to", today.toString())
                .get(stats).then().statusCode(200);
        line(report, "statistics 90 days, first call (rolls up closed days): %.0f ms", (System.nanoTime() - t0) / 1e6);
        List<Long> statTimes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            t0 = System.nanoTime();
            given().auth().oauth2(token).queryParam("from", today.minusDays(89).toString()).queryParam("to", today.toString())
                    .get(stats).then().statusCode(200);
            statTimes.add(System.nanoTime() - t0);
        }
        line(report, "statistics 90 days, later calls (today counted live): p50 %.1f ms, p95 %.1f ms",
                pct(statTimes, 50), pct(statTimes, 95));
        }

        for (String format : new String[] { "csv", "ndjson" }) {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            long heapBefore = memory.getHeapMemoryUsage().getUsed();
            AtomicLong peak = new AtomicLong(heapBefore);
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            t0 = System.nanoTime();
            long lines = 0;
            long bytes = 0;
            // plain HttpURLConnection: RestAssured would buffer the whole body in the client
            java.net.HttpURLConnection connection = (java.net.HttpURLConnection) new java.net.URL(
                    baseUrl + "api/v1/admin/sites/" + SITE + "/consents/export?format=" + format).openConnection();
            connection.setRequestProperty("Authorization", "Bearer " + token);
            if (connection.getResponseCode() != 200) {
                throw new IllegalStateException("export answered " + connection.getResponseCode());
            }
            try (InputStream in = connection.getInputStream()) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            sampler.interrupt();
            long rows = format.equals("csv") ? lines - 1 : lines;
            line(report, "export %s: %d rows, %.1f MB in %.1f s = %.0f rows/s; heap used before %d MB, peak during %d MB "
                    + "(max heap %d MB)", format, rows, bytes / 1e6, seconds, rows / seconds, heapBefore >> 20,
                    peak.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
        Path out = Path.of("target/operator-benchmark.txt");
        Files.writeString(out, report.toString());
        System.out.println("\n=== Operator benchmark ===\n" + report);
    }

    private static Response page(String token, String base, String[] filter, String cursor) {
        var request = given().auth().oauth2(token).queryParam("limit", 100);
        for (int i = 0; i + 1 < filter.length; i += 2) {
            request = request.queryParam(filter[i], filter[i + 1]);
        }
        if (cursor != null) {
            request = request.queryParam("cursor", cursor);
        }
        Response r = request.get(base);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.asString());
        }
        return r;
    }

    static String visitorOf(long seq, long events) {
        long visitors = Math.max(1, events / 3);
        String hex = Long.toHexString(seq % visitors).toUpperCase();
        return "0".repeat(36 - hex.length()) + hex;
    }

    private void generate(long siteId, long events, StringBuilder report) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            long existing;
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM consent_event WHERE site_id = ?")) {
                s.setLong(1, siteId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    existing = rs.getLong(1);
                }
            }
            if (existing >= events) {
                line(report, "data: reusing %d events of site %s", existing, SITE);
                return;
            }
            long visitors = Math.max(1, events / 3);
            String endText;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT DATE_SUB(NOW(6), INTERVAL 1 MINUTE)")) {
                rs.next();
                endText = rs.getString(1); // the session's own clock and time zone, as TIMESTAMP columns use
            }
            long spanMicros = Duration.ofDays(90).toNanos() / 1000;
            long chunk = 100_000;
            long t0 = System.nanoTime();
            try (Statement s = c.createStatement()) {
                for (long from = existing + 1; from <= events; from += chunk) {
                    long to = Math.min(events, from + chunk - 1);
                    s.executeUpdate("INSERT INTO consent_event (consent_id, site_id, visitor_id, action, method, decisions, "
                            + "config_version, config_hash, language, gpc, page_url, ip_truncated, user_agent, personal_salt, "
                            + "personal_commitment, recorded_at) SELECT UUID(), " + siteId + ", "
                            + "LPAD(HEX(seq MOD " + visitors + "), 36, '0'), "
                            + "CASE WHEN seq MOD 100 < 55 THEN 'given' WHEN seq MOD 100 < 85 THEN 'refused' "
                            + "WHEN seq MOD 100 < 97 THEN 'partial' ELSE 'withdrawn' END, "
                            + "CASE WHEN seq MOD 100 < 55 THEN 'accept-all' WHEN seq MOD 100 < 85 THEN 'reject-all' "
                            + "WHEN seq MOD 100 < 97 THEN 'save-settings' ELSE 'withdraw' END, "
                            + "CASE WHEN seq MOD 100 < 55 THEN '{\"essential\":true,\"analytics\":true,\"marketing\":true}' "
                            + "WHEN seq MOD 100 < 85 THEN '{\"essential\":true,\"analytics\":false,\"marketing\":false}' "
                            + "WHEN seq MOD 100 < 97 THEN '{\"essential\":true,\"analytics\":true,\"marketing\":false}' "
                            + "ELSE '{\"essential\":true,\"analytics\":false,\"marketing\":false}' END, "
                            + "1, REPEAT('ab', 32), IF(seq MOD 2 = 0, 'de', 'en'), seq MOD 50 = 0, "
                            + "'https://bench.example/de/preise', CONCAT('203.0.', seq MOD 256, '.0'), 'Firefox 140 / Linux', "
                            + "UNHEX(SHA2(CONCAT('s', seq), 256)), UNHEX(SHA2(seq, 256)), "
                            + "TIMESTAMPADD(MICROSECOND, -" + spanMicros + " + CAST(seq AS SIGNED) * " + (spanMicros / events) + ", '"
                            + endText + "') "
                            + "FROM seq_" + from + "_to_" + to);
                    System.out.printf("generated %d / %d events (%.0f s)%n", to, events, (System.nanoTime() - t0) / 1e9);
                }
                s.execute("ANALYZE TABLE consent_event");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            line(report, "data: generated %d events in %.0f s (%.0f rows/s)", events - existing, seconds,
                    (events - existing) / seconds);
        }
    }

    private static double pct(List<Long> nanos, int percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }

    private static void line(StringBuilder report, String format, Object... args) {
        String s = String.format(format, args);
        System.out.println(s);
        report.append(s).append('\n');
    }
}
