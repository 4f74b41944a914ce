package org.consentledger.operator;

/**
 * A token bucket: {@code capacity} tokens, refilled continuously at {@code refillPerMinute}. Pure logic;
 * the caller passes the clock (nanoseconds) so tests need no sleeping. Thread-safe.
 */
public final class TokenBucket {

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long lastRefill;

    public TokenBucket(int capacity, int refillPerMinute, long nowNanos) {
        if (capacity < 1 || refillPerMinute < 1) {
            throw new IllegalArgumentException("capacity and refill must be positive");
        }
        this.capacity = capacity;
        this.tokensPerNano = refillPerMinute / 60_000_000_000.0;
        this.tokens = capacity;
        this.lastRefill = nowNanos;
    }

    /**
     * Takes one token. Returns 0 when granted, otherwise the whole seconds (at least 1) until a token is
     * available again.
     */
    public synchronized long tryConsume(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return 0;
        }
        double missingNanos = (1.0 - tokens) / tokensPerNano;
        return Math.max(1, (long) Math.ceil(missingNanos / 1_000_000_000.0));
    }

    /** True when the bucket has refilled completely, i.e. it carries no state worth keeping. */
    public synchronized boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastRefill;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
            lastRefill = nowNanos;
        }
    }
}
