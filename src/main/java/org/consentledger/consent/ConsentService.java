package org.consentledger.consent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.consentledger.config.ConfigService;
import org.consentledger.config.PublishedConfig;
import org.consentledger.ledger.PersonalCommitment;
import org.consentledger.operator.RateLimiter;
import org.consentledger.platform.CanonicalJson;
import org.consentledger.platform.Problem;
import org.consentledger.platform.Problem.FieldError;
import org.consentledger.platform.ProblemException;
import org.consentledger.site.SiteService;
import org.consentledger.site.VisitorCors;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Records consent decisions and withdrawals and answers what a visitor's state is. Every write goes
 * through the group-commit {@link ConsentWriter}; nothing is stored unless the request is valid.
 */
@ApplicationScoped
public class ConsentService {

    static final String SCOPE_CONSENTS = "consents";
    static final String SCOPE_WITHDRAWAL = "withdrawal";
    private static final TypeReference<Map<String, Boolean>> DECISIONS = new TypeReference<>() { };

    @Inject
    SiteService sites;

    @Inject
    ConfigService configs;

    @Inject
    ConsentWriter writer;

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager em;

    @Inject
    RateLimiter rateLimiter;

    /** Result of a write: the event as stored, and whether it answers a repeated Idempotency-Key. */
    public record Recorded(ConsentView consent, boolean replay) {
    }

    public CompletionStage<Recorded> record(String siteKey, ConsentRequest request, ClientInfo client,
                                            String idempotencyKey) {
        rateLimiter.checkConsent(IpTruncation.truncate(client.remoteAddress()));
        SiteService.SiteSnapshot site = sites.requireSnapshot(siteKey);
        VisitorCors.requireAllowed(site, client.origin());
        checkIdempotencyKey(idempotencyKey);
        List<FieldError> errors = new ArrayList<>(ConsentRules.checkShape(request));
        if (!errors.isEmpty()) {
            throw ProblemException.validation("The consent request has invalid fields", errors);
        }
        PublishedConfig config = configs.published(site.id(), request.configVersion())
                .orElseThrow(() -> ProblemException.invalidField("configVersion",
                        "site " + siteKey + " has no config version " + request.configVersion()));
        errors.addAll(ConsentRules.checkAgainst(request, config));
        if (!errors.isEmpty()) {
            throw ProblemException.validation("The consent request does not match config version "
                    + config.version(), errors);
        }
        // No look-up of the Idempotency-Key here: the writer's INSERT IGNORE stores nothing for a key stored
        // before and answers with the first consent (a read per request was the main cost of the hot path).
        Map<String, Boolean> decisions = ConsentRules.completeDecisions(request.decisions(), config);
        String visitorId = request.visitorId() != null ? request.visitorId() : UUID.randomUUID().toString();
        String language = request.language() != null ? request.language() : config.defaultLanguage();
        boolean gpc = Boolean.TRUE.equals(request.gpc()) || client.gpcHeader();
        String services = request.services() == null || request.services().isEmpty() ? null
                : decisionsJson(new java.util.TreeMap<>(request.services()));
        String fingerprint = fingerprint("/api/v1/sites/" + siteKey + "/consents", mapper.valueToTree(request));
        NewConsentEvent event = newEvent(site, config, visitorId, request.method(), decisions, services, language, gpc,
                ConsentRules.stripPageUrl(request.pageUrl()), request.bannerHash(), client, idempotencyKey,
                SCOPE_CONSENTS, fingerprint);
        return submit(event, decisions);
    }

    /**
     * Withdraws the listed categories (all optional ones when {@code categories} is empty) as a new event on
     * the config version the visitor last decided on. Withdrawing what is already withdrawn stores nothing
     * and answers the current state (replay = true).
     */
    public CompletionStage<Recorded> withdraw(String siteKey, String visitorId, List<String> categories,
                                              ClientInfo client, String idempotencyKey) {
        rateLimiter.checkConsent(IpTruncation.truncate(client.remoteAddress()));
        SiteService.SiteSnapshot site = sites.requireSnapshot(siteKey);
        VisitorCors.requireAllowed(site, client.origin());
        requireVisitorId(visitorId);
        checkIdempotencyKey(idempotencyKey);
        // the request as the key's fingerprint sees it: the visitor (in the path) and the set of categories
        com.fasterxml.jackson.databind.node.ObjectNode body = mapper.createObjectNode();
        if (!categories.isEmpty()) {
            new java.util.TreeSet<>(categories).forEach(body.putArray("categories")::add);
        }
        String fingerprint = fingerprint("/api/v1/sites/" + siteKey + "/visitors/" + visitorId + "/withdrawal", body);
        Optional<Recorded> replay = replay(site, idempotencyKey, fingerprint);
        if (replay.isPresent()) {
            return CompletableFuture.completedFuture(replay.get());
        }
        ConsentEvent latest = latestEvent(site.id(), visitorId)
                .orElseThrow(() -> ProblemException.notFound("No consent recorded for visitor " + visitorId));
        PublishedConfig config = configs.published(site.id(), latest.configVersion())
                .orElseThrow(() -> new IllegalStateException("Config version of a stored event is missing"));
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            String category = categories.get(i);
            if (!config.categoryIds().contains(category)) {
                errors.add(new FieldError("categories[" + i + "]", "unknown category"));
            } else if (config.requiredCategoryIds().contains(category)) {
                errors.add(new FieldError("categories[" + i + "]", "a required category cannot be withdrawn"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation("Invalid withdrawal", errors);
        }
        Set<String> targets = categories.isEmpty()
                ? config.categoryIds().stream().filter(c -> !config.requiredCategoryIds().contains(c))
                .collect(java.util.stream.Collectors.toSet())
                : Set.copyOf(categories);
        Map<String, Boolean> decisions = new java.util.TreeMap<>(parseDecisions(latest.decisions()));
        if (targets.stream().noneMatch(c -> Boolean.TRUE.equals(decisions.get(c)))) {
            return CompletableFuture.completedFuture(new Recorded(view(latest, site.siteKey()), true));
        }
        targets.forEach(c -> decisions.put(c, false));
        // Objections stay as they were; services of a withdrawn category are off with it (one model, docs/BANNER.md).
        String services = withdrawnServices(latest.serviceDecisions(), targets, config);
        NewConsentEvent event = newEvent(site, config, visitorId, "withdraw", decisions, services, latest.language(),
                latest.gpc() || client.gpcHeader(), null, null, client, idempotencyKey, SCOPE_WITHDRAWAL, fingerprint);
        return submit(event, decisions);
    }

    /** The visitor's events, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ConsentView> history(String siteKey, String visitorId) {
        SiteService.SiteSnapshot site = sites.requireSnapshot(siteKey);
        requireVisitorId(visitorId);
        return em.createQuery("from ConsentEvent where siteId = :site and visitorId = :visitor order by id desc",
                        ConsentEvent.class)
                .setParameter("site", site.id()).setParameter("visitor", visitorId)
                .setMaxResults(1000)
                .getResultStream().map(e -> view(e, site.siteKey())).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ConsentEvent> findByConsentId(String consentId) {
        return em.createQuery("from ConsentEvent where consentId = :id", ConsentEvent.class)
                .setParameter("id", consentId).getResultStream().findFirst();
    }

    public ConsentView view(ConsentEvent e, String siteKey) {
        return new ConsentView(e.consentId(), siteKey, e.visitorId(), e.action(), e.method(),
                parseDecisions(e.decisions()), e.configVersion(), e.configHash(), e.language(), e.gpc(),
                e.recordedAt(), ConsentView.receiptUrl(e.consentId()), parseServices(e.serviceDecisions()));
    }

    private CompletionStage<Recorded> submit(NewConsentEvent event, Map<String, Boolean> decisions) {
        // the answer is built here, so the writer thread only completes the future after its commit
        Recorded fresh = new Recorded(view(event, new java.util.TreeMap<>(decisions)), false);
        return writer.submit(event).thenCompose(written -> {
            if (!written.replay()) {
                return CompletableFuture.completedFuture(fresh);
            }
            // a retry: read the first answer on a worker thread (not the writer's) in a transaction of its own
            return CompletableFuture.supplyAsync(() -> new Recorded(QuarkusTransaction.requiringNew()
                    .call(() -> storedView(written.storedConsentId(), event.siteKey())), true),
                    Infrastructure.getDefaultWorkerPool());
        });
    }

    /** The withdrawal stored for the key, when the same request is repeated; 422 when the key named another one. */
    private Optional<Recorded> replay(SiteService.SiteSnapshot site, String idempotencyKey, String fingerprint) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        // a short transaction of its own: the connection goes back to the pool before the request waits
        // for its group commit (a request-scoped session would hold it until the response is written)
        Optional<ConsentEvent> stored = QuarkusTransaction.requiringNew().call(() -> em
                .createQuery("from ConsentEvent where siteId = :site and idempotencyScope = :scope"
                        + " and idempotencyKey = :key", ConsentEvent.class)
                .setParameter("site", site.id()).setParameter("scope", SCOPE_WITHDRAWAL).setParameter("key", idempotencyKey)
                .getResultStream().findFirst());
        if (stored.isPresent() && stored.get().requestFingerprint() != null
                && !stored.get().requestFingerprint().equals(fingerprint)) {
            throw keyReuse();
        }
        return stored.map(e -> new Recorded(view(e, site.siteKey()), true));
    }

    /** 422: the Idempotency-Key was used before with another request (never answer with that request's data). */
    static ProblemException keyReuse() {
        return new ProblemException(Problem.of(422, "idempotency-key-reuse", "Idempotency-Key reused",
                "This Idempotency-Key was used for a different request; use a new key for a new request"));
    }

    /** SHA-256 of method, path and the canonical JSON (RFC 8785) of the request as understood. */
    static String fingerprint(String path, com.fasterxml.jackson.databind.JsonNode body) {
        return org.consentledger.platform.Hashes.sha256Hex(("POST\n" + path + "\n" + CanonicalJson.string(body))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private ConsentView storedView(String consentId, String siteKey) {
        return findByConsentId(consentId).map(e -> view(e, siteKey))
                .orElseThrow(() -> new IllegalStateException("Stored consent vanished: " + consentId));
    }

    private Optional<ConsentEvent> latestEvent(long siteId, String visitorId) {
        return QuarkusTransaction.requiringNew().call(() -> em
                .createQuery("from ConsentEvent where siteId = :site and visitorId = :visitor order by id desc",
                        ConsentEvent.class)
                .setParameter("site", siteId).setParameter("visitor", visitorId)
                .setMaxResults(1).getResultStream().findFirst());
    }

    private NewConsentEvent newEvent(SiteService.SiteSnapshot site, PublishedConfig config, String visitorId,
                                     String method, Map<String, Boolean> decisions, String servicesJson,
                                     String language, boolean gpc,
                                     String pageUrl, String bannerHash, ClientInfo client, String idempotencyKey,
                                     String scope, String fingerprint) {
        String ip = IpTruncation.truncate(client.remoteAddress());
        String userAgent = UserAgentNormalizer.normalize(client.userAgent());
        byte[] salt = PersonalCommitment.newSalt();
        byte[] commitment = PersonalCommitment.compute(salt, visitorId, ip, userAgent);
        ConsentAction action = ConsentAction.of(method, decisions, config.requiredCategoryIds());
        return new NewConsentEvent(UUID.randomUUID().toString(), site.id(), site.siteKey(), visitorId, action, method,
                decisionsJson(decisions), config.version(), config.contentHash(), language, gpc, pageUrl, ip,
                userAgent, bannerHash, idempotencyKey, salt, commitment, Instant.now().truncatedTo(ChronoUnit.MICROS),
                servicesJson, scope, fingerprint);
    }

    private ConsentView view(NewConsentEvent e, Map<String, Boolean> decisions) {
        return new ConsentView(e.consentId(), e.siteKey(), e.visitorId(), e.action().wire(), e.method(),
                decisions, e.configVersion(), e.configHash(), e.language(), e.gpc(),
                e.recordedAt(), ConsentView.receiptUrl(e.consentId()), parseServices(e.servicesJson()));
    }

    private String decisionsJson(Map<String, Boolean> decisions) {
        return CanonicalJson.string(mapper.valueToTree(decisions));
    }

    Map<String, Boolean> parseDecisions(String json) {
        try {
            return new LinkedHashMap<>(mapper.readValue(json, DECISIONS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored decisions are not JSON", e);
        }
    }

    /** The stored service decisions with every service of a withdrawn category off (null stays null). */
    private String withdrawnServices(String json, Set<String> withdrawn, PublishedConfig config) {
        Map<String, Boolean> services = parseServices(json);
        if (services == null) {
            return null;
        }
        Map<String, Boolean> result = new java.util.TreeMap<>(services);
        result.replaceAll((service, on) -> on && !withdrawn.contains(config.serviceCategories().get(service)));
        return decisionsJson(result);
    }

    Map<String, Boolean> parseServices(String json) {
        return json == null ? null : parseDecisions(json);
    }

    static void requireVisitorId(String visitorId) {
        if (!ConsentRules.isVisitorId(visitorId)) {
            throw ProblemException.invalidField("visitorId", "must be a lower-case UUID");
        }
    }

    private static void checkIdempotencyKey(String key) {
        if (key != null && !ConsentRules.isIdempotencyKey(key)) {
            throw new ProblemException(Problem.of(400, "bad-idempotency-key", "Bad Idempotency-Key",
                    "Idempotency-Key must be 1-128 visible ASCII characters"));
        }
    }
}
