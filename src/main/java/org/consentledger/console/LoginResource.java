package org.consentledger.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.consentledger.operator.TokenResource;
import org.consentledger.platform.ProblemException;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;

/**
 * Sign-in and sign-out. The password is checked by the operator API's token endpoint (same accounts, rate limits and
 * audit trail); its JWT is kept in an HttpOnly, Secure, SameSite=Strict cookie limited to /console.
 */
@Path("/console/login")
public class LoginResource {

    public static final String SESSION_COOKIE = "cl_session";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String error, String username);
    }

    @Inject
    TokenResource tokens;

    @Inject
    ConsoleSession session;

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance loginPage() {
        return Templates.login(null, "").setLocale(session.locale());
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response login(@RestForm String username, @RestForm String password) {
        try {
            TokenResource.TokenResponse token = tokens.token(new TokenResource.Credentials(username, password));
            return Response.seeOther(URI.create("/console"))
                    .header(HttpHeaders.SET_COOKIE, sessionCookie(token.access_token(), token.expires_in())).build();
        } catch (ProblemException e) {
            int status = e.problem().status();
            String key = status == 429 ? "login_rate_limited" : status == 400 ? "login_missing" : "login_failed";
            Response.ResponseBuilder builder = Response.status(status == 429 ? 429 : status == 400 ? 400 : 401)
                    .entity(Templates.login(key, username == null ? "" : username).setLocale(session.locale()))
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
            e.headers().forEach((k, v) -> {
                if (!k.equalsIgnoreCase("WWW-Authenticate")) {
                    builder.header(k, v);
                }
            });
            return builder.build();
        }
    }

    /** The session cookie holding {@code token} (HttpOnly, Secure, SameSite=Strict, only under /console). */
    static String sessionCookie(String token, long maxAgeSeconds) {
        return SESSION_COOKIE + "=" + token + "; Path=/console; Max-Age=" + maxAgeSeconds + "; HttpOnly; Secure; SameSite=Strict";
    }

    static String clearedSessionCookie() {
        return SESSION_COOKIE + "=; Path=/console; Max-Age=0; HttpOnly; Secure; SameSite=Strict";
    }
}
