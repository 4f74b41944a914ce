package org.consentledger.operator;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key token buckets in this instance's memory (each replica limits on its own; with N replicas the
 * effective limit is at most N times the configured one). Keys are truncated client IPs or user names.
 *
 * <p>Public consent endpoint: {@code rateLimiter.checkConsent(truncatedIp)} before doing any work; it throws a
 * 429 problem with {@code Retry-After} when the IP's bucket is empty.
 */
@ApplicationScoped
public class RateLimiter {

    /** The limited operations. */
    public enum Scope {
        TOKEN, TOKEN_ACCOUNT, CONSENT, MONITOR
    }

    private static final int MAX_KEYS = 200_000;

    @Inject
    RateLimitConfig config;

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    /** Throws 429 + Retry-After when the consent bucket of this truncated client IP is empty. */
    public void checkConsent(String truncatedIp) {
        check(Scope.CONSENT, truncatedIp);
    }

    /** Throws 429 + Retry-After when the bucket of {@code key} in {@code scope} is empty. */
    public void check(Scope scope, String key) {
        long retryAfter = tryAcquire(scope, key);
        if (retryAfter > 0) {
            throw OperatorProblems.tooManyRequests(retryAfter);
        }
    }

    /** Takes one token: 0 when allowed, otherwise the seconds until the next attempt may succeed. */
    public long tryAcquire(Scope scope, String key) {
        if (!enabled(scope)) {
            return 0;
        }
        long now = System.nanoTime();
        if (buckets.size() > MAX_KEYS) {
            evictFull();
        }
        String bucketKey = scope.name() + '|' + (key == null ? "-" : key);
        TokenBucket bucket = buckets.computeIfAbsent(bucketKey, k -> newBucket(scope, now));
        return bucket.tryConsume(now);
    }

    /** Drops buckets that have refilled completely: they hold no information. */
    @Scheduled(every = "60s", identity = "rate-limiter-evict")
    void evictFull() {
        long now = System.nanoTime();
        buckets.entrySet().removeIf(e -> e.getValue().isFull(now));
    }

    /** Forgets all buckets (tests). */
    public void reset() {
        buckets.clear();
    }

    private boolean enabled(Scope scope) {
        return switch (scope) {
            case TOKEN -> config.token().enabled();
            case TOKEN_ACCOUNT -> config.tokenAccount().enabled();
            case CONSENT -> config.consent().enabled();
            case MONITOR -> config.monitor().enabled();
        };
    }

    private TokenBucket newBucket(Scope scope, long now) {
        return switch (scope) {
            case TOKEN -> new TokenBucket(config.token().capacity(), config.token().refillPerMinute(), now);
            case TOKEN_ACCOUNT -> new TokenBucket(config.tokenAccount().capacity(), config.tokenAccount().refillPerMinute(), now);
            case CONSENT -> new TokenBucket(config.consent().capacity(), config.consent().refillPerMinute(), now);
            case MONITOR -> new TokenBucket(config.monitor().capacity(), config.monitor().refillPerMinute(), now);
        };
    }
}
