package org.consentledger.operator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Token issuing by the service itself (local accounts). */
@ConfigMapping(prefix = "consent.auth")
public interface AuthConfig {

    /** {@code iss} of the tokens this service issues; verification uses {@code mp.jwt.verify.issuer}, which defaults to it. */
    @WithDefault("consent-ledger")
    String issuer();

    /** Lifetime of an issued access token; capped at 15 minutes (the console session renews it while in use). */
    @WithDefault("PT15M")
    Duration tokenLifetime();

    /**
     * {@code aud} of the tokens this service issues; {@code mp.jwt.verify.audiences} defaults to it, so tokens for
     * another audience (of the same issuer key or identity provider) are refused.
     */
    @WithDefault("consent-ledger")
    String audience();

    /** How long a console session may be renewed after the password sign-in before signing in again is required. */
    @WithDefault("PT12H")
    Duration sessionMaxAge();

    /**
     * Directory of the embedded issuer's key pair ({@code jwt-private.pem}, {@code jwt-public.pem}); generated at
     * first start when missing and kept. {@code smallrye.jwt.sign.key.location} and
     * {@code mp.jwt.verify.publickey.location} point into it by default.
     */
    @WithDefault("data/keys")
    String keyDir();

    /**
     * Whether {@code POST /api/v1/auth/token} issues tokens for local accounts. Switch off when only an external
     * OIDC provider's tokens are accepted.
     */
    @WithDefault("true")
    boolean localAccounts();

    /** bcrypt cost (log2 rounds) for new password hashes; 12 takes a few hundred ms per check on a server core. */
    @WithDefault("12")
    int bcryptCost();
}
