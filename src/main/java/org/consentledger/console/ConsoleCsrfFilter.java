package org.consentledger.console;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import org.consentledger.platform.Problem;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import java.net.URI;
import java.util.Collection;
import java.util.Set;

/**
 * The console's CSRF check (#14, {@link ConsoleCsrf}): every console request with a state-changing method must carry the
 * token of this browser's nonce and this session (form field {@code csrf-token} or header {@code X-CSRF-Token}), else
 * 403 and nothing happens. Pages get a nonce cookie on first sight. Outside /console nothing is checked: the JSON API
 * takes no forms and no cookies.
 */
public class ConsoleCsrfFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    ConsoleCsrf csrf;

    @Inject
    JWTParser parser;

    @ServerRequestFilter(readBody = true)
    public void check(ResteasyReactiveContainerRequestContext request, RoutingContext rc) {
        Response refusal = refusal(request, rc);
        if (refusal != null) {
            request.abortWith(refusal);
        }
    }

    private Response refusal(ResteasyReactiveContainerRequestContext request, RoutingContext rc) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/console") && !path.startsWith("/console/")) {
            return null;
        }
        if (SAFE.contains(request.getMethod())) {
            csrf.nonce(rc, true);
            return null;
        }
        String nonce = csrf.nonce(rc, false);
        String presented = request.getHeaderString(ConsoleCsrf.HEADER);
        if (presented == null) {
            presented = formField(request);
        }
        Cookie session = rc.request().getCookie(LoginResource.SESSION_COOKIE);
        String bearer = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String token = session != null ? session.getValue()
                : bearer != null && bearer.regionMatches(true, 0, "Bearer ", 0, 7) ? bearer.substring(7).strip() : null;
        JsonWebToken jwt = null;
        // the login form is always anonymous (ConsoleSession.csrf)
        if (token != null && !token.isEmpty() && !path.equals("/console/login")) {
            try {
                jwt = parser.parse(token);
            } catch (ParseException | RuntimeException e) {
                // an expired or invalid session: sign in again (a form of it cannot be acted on anyway)
                if (session != null) {
                    return Response.seeOther(URI.create("/console/login"))
                            .header(HttpHeaders.SET_COOKIE, LoginResource.clearedSessionCookie()).build();
                }
            }
        }
        if (csrf.matches(nonce, ConsoleCsrf.binding(jwt), presented)) {
            return null;
        }
        Cookie langCookie = rc.request().getCookie(ConsoleLanguage.COOKIE);
        String lang = ConsoleLanguage.choose(langCookie == null ? null : langCookie.getValue(),
                request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        CsrfMessages messages = MessageBundles.get(CsrfMessages.class, Localized.Literal.of(lang));
        // the console's response filter shows the problem as a page in the console's language
        return Response.status(403).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Problem.of(403, "csrf", messages.title(), messages.detail())).build();
    }

    /** Sets the nonce cookie created for this request (a console page seen without one). */
    @ServerResponseFilter
    public void setNonceCookie(ContainerResponseContext response, RoutingContext rc) {
        Object created = rc == null ? null : rc.get(ConsoleCsrf.NEW_NONCE);
        if (created != null) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, ConsoleCsrf.cookie(created.toString()));
        }
    }

    private static String formField(ResteasyReactiveContainerRequestContext request) {
        if (!(request.getServerRequestContext() instanceof ResteasyReactiveRequestContext server)) {
            return null;
        }
        Object value = server.getFormParameter(ConsoleCsrf.FORM_FIELD, true, false);
        if (value instanceof Collection<?> values) {
            value = values.isEmpty() ? null : values.iterator().next();
        }
        if (value instanceof FormValue form) {
            return form.isFileItem() ? null : form.getValue();
        }
        return value == null ? null : value.toString();
    }
}
