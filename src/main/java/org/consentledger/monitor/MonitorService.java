package org.consentledger.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.consentledger.config.ConfigService;
import org.consentledger.config.PublishedConfig;
import org.consentledger.consent.IngestConfig;
import org.consentledger.consent.IpTruncation;
import org.consentledger.operator.AuditService;
import org.consentledger.operator.RateLimiter;
import org.consentledger.platform.JsonBody;
import org.consentledger.platform.Problem;
import org.consentledger.platform.ProblemException;
import org.consentledger.site.SiteService;
import org.consentledger.site.VisitorCors;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The cookie monitor's rules: ingest of visitor reports, the per-site sampling setting, the operator's view. */
@ApplicationScoped
public class MonitorService {

    public static final int MAX_SAMPLE_RATE = 1_000_000;
    private static final long RATE_TTL_MILLIS = 5_000;

    @Inject
    SiteService sites;
    @Inject
    ConfigService configs;
    @Inject
    MonitorStore store;
    @Inject
    MonitorConfig config;
    @Inject
    CookieCatalogue catalogue;
    @Inject
    RateLimiter rateLimiter;
    @Inject
    IngestConfig ingest;
    @Inject
    AuditService audit;
    @Inject
    ObjectMapper mapper;

    private record CachedRate(int rate, long loadedAt) {
    }

    private final Map<Long, CachedRate> rates = new ConcurrentHashMap<>();

    /** Outcome of a report: stored, or dropped on purpose (GPC). */
    public enum Outcome {
        STORED, DROPPED
    }

    /** An entry as shown, with the catalogue's suggestion for cookies. */
    public record Item(MonitorAggregation.Entry entry, CookieCatalogue.Suggestion suggestion) {
    }

    /** Everything the console and the operator API show for one site. */
    public record View(String siteKey, int sampleRate, int days, Integer configVersion, List<Item> undeclaredCookies,
            List<Item> hosts, List<Item> beforeConsent, List<MonitorStore.Ignore> ignored) {
    }

    /**
     * Stores one report. Order of checks: rate limit (429), site (404), origin (403), media type (415), body
     * (400/413/422), the site's setting (monitor off: 403). A visitor with GPC is never stored (the monitor does
     * not send then; a report that says Sec-GPC: 1 anyway is dropped).
     */
    public Outcome report(String siteKey, byte[] body, String contentType, String origin, String gpcHeader, String remoteAddress) {
        rateLimiter.check(RateLimiter.Scope.MONITOR, IpTruncation.truncate(remoteAddress));
        SiteService.SiteSnapshot site = sites.requireSnapshot(siteKey);
        VisitorCors.requireAllowed(site, origin);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (!type.startsWith("text/plain") && !type.startsWith("application/json")) {
            throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported Media Type",
                    "Send the report as text/plain (what navigator.sendBeacon sends) or application/json"));
        }
        CookieReport report = JsonBody.parse(mapper, body, CookieReport.class, ingest.maxBodyBytes());
        List<Problem.FieldError> errors = ReportRules.check(report);
        if (!errors.isEmpty()) {
            throw ProblemException.validation("The cookie report has invalid fields", errors);
        }
        if (sampleRate(site.id()) == 0) {
            throw new ProblemException(Problem.of(403, "monitor-off", "Cookie monitor off",
                    "The cookie monitor of site " + siteKey + " is turned off"));
        }
        if ("1".equals(gpcHeader == null ? null : gpcHeader.trim())) {
            return Outcome.DROPPED;
        }
        Instant now = Instant.now();
        store.record(site.id(), LocalDate.ofInstant(now, ZoneOffset.UTC), now, report.configVersion(), report.path(),
                ReportRules.observations(report), config.topN());
        return Outcome.STORED;
    }

    /** 1 in this many page views reports; 0 = off (cached for a few seconds: the script and every report ask). */
    public int sampleRate(long siteId) {
        long now = System.currentTimeMillis();
        CachedRate cached = rates.get(siteId);
        if (cached != null && now - cached.loadedAt() < RATE_TTL_MILLIS) {
            return cached.rate();
        }
        int rate = store.sampleRate(siteId).orElse(config.defaultSampleRate());
        rates.put(siteId, new CachedRate(rate, now));
        return rate;
    }

    @Transactional
    public void setSampleRate(long siteId, String siteKey, Integer rate, String actor) {
        if (rate == null || rate < 0 || rate > MAX_SAMPLE_RATE) {
            throw ProblemException.invalidField("sampleRate", "0 (off) or 1 in how many page views report, at most " + MAX_SAMPLE_RATE);
        }
        int before = sampleRate(siteId);
        store.setSampleRate(siteId, rate, actor);
        audit.record("monitor.sampling", siteKey, siteKey, Map.of("from", before, "to", rate));
        rates.remove(siteId);
    }

    @Transactional
    public void ignore(long siteId, String siteKey, String kind, String name, String reason, String actor) {
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        if (!ReportRules.KIND_COOKIE.equals(kind) && !ReportRules.KIND_HOST.equals(kind)) {
            errors.add(new Problem.FieldError("kind", "\"cookie\" or \"host\""));
        }
        if (name == null || name.isBlank() || name.length() > 255) {
            errors.add(new Problem.FieldError("name", "required: the cookie name or host, at most 255 characters"));
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            errors.add(new Problem.FieldError("reason", "required: why it is not declared, at most 500 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation("The ignore request has invalid fields", errors);
        }
        store.ignore(siteId, kind, name.strip(), reason.strip(), actor);
        audit.record("monitor.ignore", siteKey, kind + ":" + name.strip(), Map.of("reason", reason.strip()));
    }

    /** The site's monitor data of the last {@code days} days, checked against the latest published config. */
    public View view(long siteId, String siteKey, int days) {
        if (days < 1 || days > 3650) {
            throw ProblemException.invalidField("days", "between 1 and 3650");
        }
        Optional<PublishedConfig> latest = configs.latestPublished(siteId);
        JsonNode content = latest.map(PublishedConfig::content).orElse(null);
        List<MonitorAggregation.Entry> entries = MonitorAggregation.merge(
                store.rows(siteId, Instant.now().minus(Duration.ofDays(days))), new CookieMatcher(content));
        List<MonitorStore.Ignore> ignored = store.ignores(siteId);
        Set<String> keys = ignored.stream().map(i -> MonitorAggregation.Entry.key(i.kind(), i.name())).collect(Collectors.toSet());
        MonitorAggregation.Summary s = MonitorAggregation.summarise(entries, keys);
        return new View(siteKey, sampleRate(siteId), days, latest.map(PublishedConfig::version).orElse(null),
                items(s.undeclaredCookies()), items(s.hosts()), items(s.beforeConsent()), ignored);
    }

    private List<Item> items(List<MonitorAggregation.Entry> entries) {
        return entries.stream().map(e -> new Item(e, ReportRules.KIND_COOKIE.equals(e.kind())
                && !MonitorAggregation.OTHER.equals(e.name()) ? catalogue.lookup(e.name()).orElse(null) : null)).toList();
    }
}
