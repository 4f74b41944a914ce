package org.consentledger.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.consentledger.platform.CanonicalJson;
import org.consentledger.platform.Hashes;
import org.consentledger.platform.Problem;
import org.consentledger.platform.ProblemException;
import org.consentledger.platform.ProblemMappers;
import org.consentledger.site.Site;
import org.consentledger.site.SiteService;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishing and reading immutable banner-config versions. Versions never change once written, so
 * parsed versions are cached for good; "which version is latest" is cached for a few seconds.
 */
@ApplicationScoped
public class ConfigService {

    private static final long LATEST_TTL_MILLIS = 3_000;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    SiteService sites;

    private final ConcurrentHashMap<String, PublishedConfig> versions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, CachedLatest> latest = new ConcurrentHashMap<>();

    private record CachedLatest(Optional<PublishedConfig> config, long loadedAt) {
    }

    /** Outcome of a publish: the version, and whether it is new (false when the content equals the latest). */
    public record PublishResult(ConfigVersion version, boolean created) {
    }

    /**
     * Validates {@code content} and stores it as the site's next version, with the SHA-256 of its RFC 8785
     * canonical form. Publishing content identical to the latest version returns that version unchanged.
     */
    @Transactional
    public PublishResult publish(String siteKey, JsonNode content, String actor) {
        List<Problem.FieldError> errors = ConfigValidator.validate(content);
        if (!errors.isEmpty()) {
            throw ProblemException.validation("The banner configuration is invalid (" + errors.size() + " problems)", errors);
        }
        Site site = em.createQuery("from Site where siteKey = :key", Site.class)
                .setParameter("key", siteKey)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("Unknown site: " + siteKey));
        String canonical = CanonicalJson.string(content);
        String hash = Hashes.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
        Optional<ConfigVersion> current = latestVersion(site.id);
        if (current.isPresent() && current.get().contentHash().equals(hash)) {
            return new PublishResult(current.get(), false);
        }
        int next = current.map(v -> v.version() + 1).orElse(1);
        ConfigVersion version = new ConfigVersion(site.id, next, canonical, hash, Instant.now(), actor);
        em.persist(version);
        latest.remove(site.id);
        return new PublishResult(version, true);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ConfigVersion> list(String siteKey) {
        Site site = sites.require(siteKey);
        return em.createQuery("from ConfigVersion where siteId = :site order by version desc", ConfigVersion.class)
                .setParameter("site", site.id).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ConfigVersion> get(String siteKey, int version) {
        Site site = sites.require(siteKey);
        return find(site.id, version);
    }

    /** The published config of {@code version} for the site, from cache (versions are immutable). */
    public Optional<PublishedConfig> published(long siteId, int version) {
        String key = siteId + ":" + version;
        PublishedConfig cached = versions.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<PublishedConfig> loaded = QuarkusTransaction.joiningExisting()
                .call(() -> find(siteId, version).map(this::parse));
        loaded.ifPresent(c -> {
            if (versions.size() > 5_000) {
                versions.clear();
            }
            versions.put(key, c);
        });
        return loaded;
    }

    /** True when the latest version of the site is cached and fresh, so {@link #latestPublished} will not block. */
    public boolean isLatestCached(long siteId) {
        CachedLatest cached = latest.get(siteId);
        return cached != null && System.currentTimeMillis() - cached.loadedAt() < LATEST_TTL_MILLIS;
    }

    /** The latest published config of the site (cached for a few seconds). */
    public Optional<PublishedConfig> latestPublished(long siteId) {
        long now = System.currentTimeMillis();
        CachedLatest cached = latest.get(siteId);
        if (cached != null && now - cached.loadedAt() < LATEST_TTL_MILLIS) {
            return cached.config();
        }
        Optional<PublishedConfig> loaded;
        try {
            loaded = QuarkusTransaction.joiningExisting()
                    .call(() -> latestVersion(siteId))
                    .flatMap(v -> published(siteId, v.version()));
        } catch (RuntimeException e) {
            if (cached != null && ProblemMappers.isDatabaseUnavailable(e)) {
                return cached.config(); // keep serving the last known banner while the database is down
            }
            throw e;
        }
        latest.put(siteId, new CachedLatest(loaded, now));
        return loaded;
    }

    private Optional<ConfigVersion> find(long siteId, int version) {
        return em.createQuery("from ConfigVersion where siteId = :site and version = :version", ConfigVersion.class)
                .setParameter("site", siteId).setParameter("version", version)
                .getResultStream().findFirst();
    }

    private Optional<ConfigVersion> latestVersion(long siteId) {
        return em.createQuery("from ConfigVersion where siteId = :site order by version desc", ConfigVersion.class)
                .setParameter("site", siteId).setMaxResults(1)
                .getResultStream().findFirst();
    }

    private PublishedConfig parse(ConfigVersion version) {
        try {
            return PublishedConfig.of(version, mapper.readTree(version.content()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored config is not JSON: site " + version.siteId() + " v" + version.version(), e);
        }
    }
}
