package org.consentledger.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.consentledger.platform.Problem;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every console response: security headers (a strict Content-Security-Policy without 'unsafe-inline'; only the
 * banner preview may be framed, and only by the console itself), unauthenticated requests sent to the login page,
 * and problem documents shown as a page instead of JSON.
 */
public class ConsoleFilter {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-src 'self'; frame-ancestors ";

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance error(ErrorPages.ErrorPage page);
    }

    @Inject
    ConsoleSession session;

    @Inject
    org.consentledger.operator.TokenService tokens;

    @Inject
    io.quarkus.security.identity.CurrentIdentityAssociation identities;

    @Inject
    SessionCookieIdentity cookieIdentity;

    @Inject
    io.quarkus.vertx.http.runtime.CurrentVertxRequest currentRequest;

    @ServerResponseFilter
    public Uni<Void> filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/console") && !path.startsWith("/console/")) {
            return Uni.createFrom().voidItem();
        }
        boolean framable = path.equals("/console/preview");
        response.getHeaders().putSingle("Content-Security-Policy", CSP + (framable ? "'self'" : "'none'"));
        response.getHeaders().putSingle("X-Frame-Options", framable ? "SAMEORIGIN" : "DENY");
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
        response.getHeaders().putSingle("Referrer-Policy", "same-origin");
        response.getHeaders().putSingle("Cross-Origin-Opener-Policy", "same-origin");
        if (!response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        if (path.startsWith("/console/preview-config/")) {
            return Uni.createFrom().voidItem();
        }
        int status = response.getStatus();
        if (status < 400) {
            refreshSession(request, response, path);
        }
        if (status == 401 && !path.equals("/console/login")) {
            response.setStatus(303);
            response.getHeaders().putSingle(HttpHeaders.LOCATION, "/console/login");
            response.getHeaders().remove("WWW-Authenticate");
            response.getHeaders().add(HttpHeaders.SET_COOKIE, LoginResource.clearedSessionCookie());
            response.setEntity(null);
            return Uni.createFrom().voidItem();
        }
        if (status >= 400 && !response.hasEntity() && !"HEAD".equals(request.getMethod())) {
            // answers without a body (the CSRF check's 400, a 405 …) are pages too, never a blank one
            String reason = jakarta.ws.rs.core.Response.Status.Family.familyOf(status) != null
                    && jakarta.ws.rs.core.Response.Status.fromStatusCode(status) != null
                    ? jakarta.ws.rs.core.Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
            String detail = status == 400 ? "The form or request could not be accepted (a missing or expired form token"
                    + " or a malformed value); reload the page and try again."
                    : status == 403 ? "Not allowed for your account." : status == 404 ? "No such page."
                    : status == 405 ? "This address does not accept this kind of request." : reason;
            response.setEntity(Problem.of(status, "error", reason, detail));
        }
        if (response.getEntity() instanceof Problem problem) {
            if (io.quarkus.runtime.BlockingOperationControl.isBlockingAllowed()) {
                renderError(problem, response);
            } else {
                // e.g. an unknown /console path, answered on the I/O thread: the signed-in header needs the identity,
                // which can only be awaited asynchronously here
                return identities.getDeferredIdentity()
                        .onFailure().recoverWithNull()
                        .invoke(identity -> {
                            session.resolved(identity);
                            renderError(problem, response);
                        })
                        .replaceWithVoid();
            }
        }
        return Uni.createFrom().voidItem();
    }

    private void renderError(Problem problem, ContainerResponseContext response) {
        if (problem.status() == 503) {
            // the database does not answer: who is signed in comes from the cookie, not from a lookup that would hang
            session.resolved(cookieIdentity.of(currentRequest.getCurrent()));
        }
        String html = Templates.error(ErrorPages.of(problem, session.locale())).setLocale(session.locale()).render();
        response.setEntity(html, null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }

    /**
     * Console sessions outlive the 15-minute tokens: a page served with a cookie token past half its lifetime renews
     * the cookie (same account, same token version, until consent.auth.session-max-age after the password sign-in).
     */
    private void refreshSession(ContainerRequestContext request, ContainerResponseContext response, String path) {
        if (path.startsWith("/console/session/") || path.equals("/console/login")
                || !request.getCookies().containsKey(LoginResource.SESSION_COOKIE)
                || !io.quarkus.runtime.BlockingOperationControl.isBlockingAllowed()) {
            return;
        }
        try {
            if (request.getSecurityContext().getUserPrincipal() instanceof org.eclipse.microprofile.jwt.JsonWebToken jwt) {
                tokens.refresh(jwt).ifPresent(t -> response.getHeaders().add(HttpHeaders.SET_COOKIE,
                        LoginResource.sessionCookie(t.accessToken(), t.expiresInSeconds())));
            }
        } catch (RuntimeException e) {
            // not signed in (or the session was just revoked): nothing to renew
        }
    }
}
