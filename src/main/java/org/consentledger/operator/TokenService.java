package org.consentledger.operator;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues access tokens (RS256, signed with the embedded issuer's key) for local accounts: audience
 * {@code consent.auth.audience}, at most {@link #MAX_LIFETIME_SECONDS} long, carrying the account's token version
 * ({@link TokenChecks#VERSION_CLAIM}) and the time of the password sign-in ({@code auth_time}).
 */
@ApplicationScoped
public class TokenService {

    /** Upper bound of an access token's lifetime, whatever consent.auth.token-lifetime says. */
    public static final long MAX_LIFETIME_SECONDS = 15 * 60;
    static final String AUTH_TIME_CLAIM = "auth_time";

    /** An issued token. */
    public record IssuedToken(String accessToken, long expiresInSeconds) {
    }

    @Inject
    AuthConfig config;

    @Inject
    AuditService audit;

    @Inject
    AccountService accounts;

    public IssuedToken issue(OperatorAccount account, String ip) {
        IssuedToken token = sign(account, Instant.now().getEpochSecond());
        audit.recordAs(account.username, ip, "token.issued", null, account.username,
                Map.of("roles", account.roles, "sites", account.sites, "expiresIn", token.expiresInSeconds()));
        return token;
    }

    /** Lifetime of new tokens: the configured one, capped at 15 minutes. */
    public long lifetimeSeconds() {
        return Math.max(60, Math.min(config.tokenLifetime().toSeconds(), MAX_LIFETIME_SECONDS));
    }

    /**
     * A fresh token for the console session of {@code current} (already verified, not revoked), when it is past half
     * its lifetime and the sign-in is younger than {@code consent.auth.session-max-age}; empty otherwise.
     */
    public Optional<IssuedToken> refresh(JsonWebToken current) {
        long now = Instant.now().getEpochSecond();
        if (!config.issuer().equals(current.getIssuer()) || now - current.getIssuedAtTime() < lifetimeSeconds() / 2) {
            return Optional.empty();
        }
        Object claim = current.getClaim(AUTH_TIME_CLAIM);
        long authTime = claim instanceof jakarta.json.JsonNumber n ? n.longValue()
                : claim instanceof Number n ? n.longValue() : current.getIssuedAtTime();
        if (now - authTime >= config.sessionMaxAge().toSeconds()) {
            return Optional.empty();
        }
        Long version = TokenChecks.version(current);
        return accounts.find(current.getName())
                .filter(a -> a.enabled && version != null && a.tokenVersion == version)
                .map(a -> sign(a, authTime));
    }

    private IssuedToken sign(OperatorAccount account, long authTime) {
        long lifetime = lifetimeSeconds();
        String token = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .upn(account.username)
                .subject(account.username)
                .groups(account.roleSet())
                .claim(Roles.SITES_CLAIM, new ArrayList<>(account.siteSet()))
                .claim(TokenChecks.VERSION_CLAIM, account.tokenVersion)
                .claim(AUTH_TIME_CLAIM, authTime)
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(Instant.now().getEpochSecond())
                .expiresIn(lifetime)
                .sign();
        return new IssuedToken(token, lifetime);
    }
}
