package org.consentledger.operator;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;
import java.util.Optional;

/** {@code POST /api/v1/auth/token}: user name and password of a local account for a bearer token. */
@Path("/api/v1/auth/token")
public class TokenResource {

    /** Request body. */
    public record Credentials(String username, String password) {
    }

    /** Response body (OAuth 2 field names). */
    public record TokenResponse(String access_token, String token_type, long expires_in) {
    }

    @Inject
    AccountService accounts;

    @Inject
    TokenService tokens;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    ClientAddress clientAddress;

    @Inject
    AuditService audit;

    @Inject
    AuthConfig config;

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public TokenResponse token(Credentials credentials) {
        if (!config.localAccounts()) {
            throw OperatorProblems.notFound("Local accounts are switched off; use the configured identity provider");
        }
        if (credentials == null || blank(credentials.username()) || blank(credentials.password())) {
            throw OperatorProblems.badRequest("username and password are required");
        }
        String ip = clientAddress.truncated();
        String username = credentials.username();
        rateLimiter.check(RateLimiter.Scope.TOKEN, "ip:" + ip);
        if (AccountService.canonicalUsername(username)) {
            // guesses against one account from one client network; another client's guesses cannot use them up
            rateLimiter.check(RateLimiter.Scope.TOKEN, "user:" + username + "|" + ip);
            // and a slower limit on the account as a whole (distributed guessing)
            rateLimiter.check(RateLimiter.Scope.TOKEN_ACCOUNT, "user:" + username);
        }
        Optional<OperatorAccount> account = accounts.authenticate(username, credentials.password());
        if (account.isEmpty()) {
            audit.recordAs("anonymous", ip, "token.denied", null,
                    username.length() > 100 ? username.substring(0, 100) : username, Map.of());
            throw OperatorProblems.unauthorized("Unknown user, wrong password or disabled account");
        }
        TokenService.IssuedToken issued = tokens.issue(account.get(), ip);
        return new TokenResponse(issued.accessToken(), "Bearer", issued.expiresInSeconds());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
