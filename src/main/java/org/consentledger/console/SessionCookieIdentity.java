package org.consentledger.console;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who the session cookie names, from its verified token alone (signature, issuer, audience, lifetime), for the header
 * of an error page shown while the database does not answer: the token-version check of a normal request
 * ({@code operator.TokenChecks}) would wait for that database. Anonymous without a valid session cookie.
 */
@ApplicationScoped
public class SessionCookieIdentity {

    @Inject
    JWTParser parser;

    public SecurityIdentity of(RoutingContext context) {
        Cookie cookie = context == null ? null : context.request().getCookie(LoginResource.SESSION_COOKIE);
        if (cookie != null && !cookie.getValue().isEmpty()) {
            try {
                JsonWebToken jwt = parser.parse(cookie.getValue());
                return QuarkusSecurityIdentity.builder().setPrincipal(jwt).addRoles(jwt.getGroups()).build();
            } catch (ParseException | RuntimeException e) {
                // an expired or forged session: the page shows no one as signed in
            }
        }
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("")).setAnonymous(true).build();
    }
}
