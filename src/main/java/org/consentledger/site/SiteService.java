package org.consentledger.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.consentledger.platform.Problem;
import org.consentledger.platform.ProblemException;
import org.consentledger.platform.ProblemMappers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Sites: creation, lookup and settings. Lookups for the visitor API go through a short-lived
 * in-memory snapshot cache so the hot path does not hit the database; while the database is down
 * the last snapshot keeps being served.
 */
@ApplicationScoped
public class SiteService {

    public static final int DEFAULT_RETENTION_DAYS = 1095;
    private static final Pattern SITE_KEY = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}[a-z0-9]");
    private static final long SNAPSHOT_TTL_MILLIS = 5_000;
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };

    @Inject
    ObjectMapper mapper;

    private final ConcurrentHashMap<String, CachedSnapshot> snapshots = new ConcurrentHashMap<>();

    /** What the visitor API needs to know about a site. */
    public record SiteSnapshot(long id, String siteKey, String name, List<String> allowedOrigins, int retentionDays) {
    }

    private record CachedSnapshot(Optional<SiteSnapshot> snapshot, long loadedAt) {
    }

    /**
     * The shortest retention any site may have (consent.retention.floor-days, default 365): the retention job purges
     * proof irreversibly, so no single operator may shorten it to hours.
     */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "consent.retention.floor-days", defaultValue = "365")
    int retentionFloorDays;

    public int retentionFloorDays() {
        return Math.max(1, Math.min(retentionFloorDays, 3650));
    }

    private String retentionRule() {
        return "between " + retentionFloorDays() + " (consent.retention.floor-days) and 3650 days";
    }

    @Transactional
    public Site create(String siteKey, String name, List<String> allowedOrigins, Integer retentionDays) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (siteKey == null || !SITE_KEY.matcher(siteKey).matches()) {
            errors.add(new Problem.FieldError("siteKey", "3-64 characters: lower-case letters, digits and dashes"));
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(new Problem.FieldError("name", "required, at most 200 characters"));
        }
        errors.addAll(originErrors(allowedOrigins));
        int retention = retentionDays == null ? DEFAULT_RETENTION_DAYS : retentionDays;
        if (retention < retentionFloorDays() || retention > 3650) {
            errors.add(new Problem.FieldError("retentionDays", retentionRule(), "retention_range",
                    List.of(String.valueOf(retentionFloorDays()))));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation("The site has invalid fields", errors);
        }
        if (Site.findByKey(siteKey).isPresent()) {
            throw new ProblemException(Problem.of(409, "conflict", "Site exists", "Site key already taken: " + siteKey));
        }
        Site site = new Site();
        site.siteKey = siteKey;
        site.name = name;
        site.allowedOrigins = writeOrigins(allowedOrigins == null ? List.of() : allowedOrigins);
        site.retentionDays = retention;
        site.createdAt = Instant.now();
        site.persist();
        snapshots.remove(siteKey);
        return site;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Site> findByKey(String siteKey) {
        return Site.findByKey(siteKey);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Site> list() {
        return Site.listAll(io.quarkus.panache.common.Sort.by("siteKey"));
    }

    @Transactional
    public Site updateAllowedOrigins(String siteKey, List<String> allowedOrigins) {
        List<Problem.FieldError> errors = originErrors(allowedOrigins);
        if (!errors.isEmpty()) {
            throw ProblemException.validation("Invalid allowed origins", errors);
        }
        Site site = require(siteKey);
        site.allowedOrigins = writeOrigins(allowedOrigins);
        snapshots.remove(siteKey);
        return site;
    }

    @Transactional
    public Site updateRetention(String siteKey, int retentionDays) {
        if (retentionDays < retentionFloorDays() || retentionDays > 3650) {
            throw ProblemException.validation("retentionDays: " + retentionRule(), List.of(new Problem.FieldError(
                    "retentionDays", retentionRule(), "retention_range", List.of(String.valueOf(retentionFloorDays())))));
        }
        Site site = require(siteKey);
        site.retentionDays = retentionDays;
        snapshots.remove(siteKey);
        return site;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Site require(String siteKey) {
        return Site.findByKey(siteKey).orElseThrow(() -> ProblemException.notFound("Unknown site: " + siteKey));
    }

    /** Cached view of a site for the visitor API; empty for unknown sites (negative results are cached too). */
    public Optional<SiteSnapshot> snapshot(String siteKey) {
        long now = System.currentTimeMillis();
        CachedSnapshot cached = snapshots.get(siteKey);
        if (cached != null && now - cached.loadedAt() < SNAPSHOT_TTL_MILLIS) {
            return cached.snapshot();
        }
        Optional<SiteSnapshot> loaded;
        try {
            loaded = loadSnapshot(siteKey);
        } catch (RuntimeException e) {
            if (cached != null && ProblemMappers.isDatabaseUnavailable(e)) {
                return cached.snapshot(); // stale beats unavailable while the database is down
            }
            throw e;
        }
        if (snapshots.size() > 10_000) {
            snapshots.clear();
        }
        snapshots.put(siteKey, new CachedSnapshot(loaded, now));
        return loaded;
    }

    /** The cached snapshot if one is present, never touching the database (safe on the event loop). */
    public Optional<SiteSnapshot> cachedSnapshot(String siteKey) {
        CachedSnapshot cached = snapshots.get(siteKey);
        return cached == null ? Optional.empty() : cached.snapshot();
    }

    /** True when a fresh snapshot is cached, so {@link #snapshot} will not block. */
    public boolean isCached(String siteKey) {
        CachedSnapshot cached = snapshots.get(siteKey);
        return cached != null && System.currentTimeMillis() - cached.loadedAt() < SNAPSHOT_TTL_MILLIS;
    }

    public SiteSnapshot requireSnapshot(String siteKey) {
        return snapshot(siteKey).orElseThrow(() -> ProblemException.notFound("Unknown site: " + siteKey));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    Optional<SiteSnapshot> loadSnapshot(String siteKey) {
        return Site.findByKey(siteKey).map(s -> new SiteSnapshot(s.id, s.siteKey, s.name, origins(s), s.retentionDays));
    }

    public List<String> origins(Site site) {
        try {
            return mapper.readValue(site.allowedOrigins, STRING_LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored allowed origins are not a JSON array for " + site.siteKey, e);
        }
    }

    private String writeOrigins(List<String> origins) {
        try {
            return mapper.writeValueAsString(origins);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Problem.FieldError> originErrors(List<String> origins) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (origins == null) {
            return errors;
        }
        if (origins.size() > 50) {
            errors.add(new Problem.FieldError("allowedOrigins", "at most 50 origins", "origins_many", List.of()));
        }
        for (int i = 0; i < origins.size(); i++) {
            String problem = OriginPolicy.problemWith(origins.get(i));
            if (problem != null) {
                errors.add(new Problem.FieldError("allowedOrigins[" + i + "]", problem, "origin_invalid",
                        List.of(String.valueOf(origins.get(i)))));
            }
        }
        return errors;
    }
}
