package org.consentledger.operator;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;

/**
 * Checks on every authenticated request beyond the signature, issuer, audience and lifetime that SmallRye JWT verifies:
 * no token issued in the future (any issuer), and for the service's own tokens the account's token version
 * ({@link TokenVersions}): a disabled, demoted, re-passworded or logged-out account's earlier tokens are refused (401).
 */
@ApplicationScoped
public class TokenChecks implements SecurityIdentityAugmentor {

    /** Claim with the account's token version at issue time. */
    public static final String VERSION_CLAIM = "tv";

    @Inject
    AuthConfig config;

    @Inject
    TokenVersions versions;

    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "30")
    long skewSeconds;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        long iat = jwt.getIssuedAtTime();
        if (iat > Instant.now().getEpochSecond() + skewSeconds) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token issued in the future"));
        }
        if (!config.issuer().equals(jwt.getIssuer())) {
            return Uni.createFrom().item(identity);
        }
        Long tokenVersion = version(jwt);
        return context.runBlocking(() -> {
            if (!TokenVersions.accepts(versions.current(jwt.getName()), tokenVersion)) {
                throw new AuthenticationFailedException("token revoked");
            }
            return identity;
        });
    }

    static Long version(JsonWebToken jwt) {
        Object claim = jwt.getClaim(VERSION_CLAIM);
        if (claim instanceof jakarta.json.JsonNumber n) {
            return n.longValue();
        }
        if (claim instanceof Number n) {
            return n.longValue();
        }
        return null;
    }
}
