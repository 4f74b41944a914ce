package org.consentledger.operator;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;

/** Issues access tokens (RS256, signed with the embedded issuer's key) for local accounts. */
@ApplicationScoped
public class TokenService {

    /** An issued token. */
    public record IssuedToken(String accessToken, long expiresInSeconds) {
    }

    @Inject
    AuthConfig config;

    @Inject
    AuditService audit;

    public IssuedToken issue(OperatorAccount account, String ip) {
        long lifetime = config.tokenLifetime().toSeconds();
        String token = Jwt.issuer(config.issuer())
                .upn(account.username)
                .subject(account.username)
                .groups(account.roleSet())
                .claim(Roles.SITES_CLAIM, new ArrayList<>(account.siteSet()))
                .claim("jti", UUID.randomUUID().toString())
                .expiresIn(lifetime)
                .sign();
        audit.recordAs(account.username, ip, "token.issued", null, account.username,
                Map.of("roles", account.roles, "sites", account.sites, "expiresIn", lifetime));
        return new IssuedToken(token, lifetime);
    }
}
