package org.consentledger.operator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Abuse limits: token buckets keyed by truncated client IP (and, for the token endpoint, by user name). */
@ConfigMapping(prefix = "consent.rate-limit")
public interface RateLimitConfig {

    /** {@code POST /api/v1/auth/token}: against password guessing. */
    Token token();

    /**
     * {@code POST /api/v1/auth/token}, per account over all clients: slower than the per account + client limit, so
     * distributed guessing is bounded while one outsider cannot lock the real user out.
     */
    TokenAccount tokenAccount();

    /** The public consent endpoint, per truncated client IP. */
    Consent consent();

    interface TokenAccount {
        /** Whether the limit applies. */
        @WithDefault("true")
        boolean enabled();

        /** Burst: attempts on one account from all clients together. */
        @WithDefault("60")
        int capacity();

        /** Attempts regained per minute. */
        @WithDefault("10")
        int refillPerMinute();
    }

    /** The cookie monitor's report endpoint ({@code POST …/cookie-reports}), per truncated client IP; its own bucket. */
    Monitor monitor();

    interface Monitor {
        /** Whether the limit applies. */
        @WithDefault("true")
        boolean enabled();

        /** Burst: reports allowed at once per truncated IP (the consent endpoint's default). */
        @WithDefault("300")
        int capacity();

        /** Reports regained per minute per truncated IP. */
        @WithDefault("600")
        int refillPerMinute();
    }

    interface Token {
        /** Whether the limit applies. */
        @WithDefault("true")
        boolean enabled();

        /** Burst: attempts allowed at once per truncated IP, and per user name + truncated IP. */
        @WithDefault("10")
        int capacity();

        /** Attempts regained per minute. */
        @WithDefault("5")
        int refillPerMinute();
    }

    interface Consent {
        /** Whether the limit applies. */
        @WithDefault("true")
        boolean enabled();

        /** Burst: consent requests allowed at once per truncated IP (a /24 may be a whole office). */
        @WithDefault("300")
        int capacity();

        /** Requests regained per minute per truncated IP. */
        @WithDefault("600")
        int refillPerMinute();
    }
}
