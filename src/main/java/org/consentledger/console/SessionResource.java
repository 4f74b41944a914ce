package org.consentledger.console;

import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;

/** Sign-out and the language switch. */
@Path("/console/session")
public class SessionResource {

    @Inject
    io.quarkus.security.identity.SecurityIdentity identity;

    @Inject
    org.consentledger.operator.AccountService accounts;

    @Inject
    org.consentledger.operator.AuthConfig authConfig;

    @POST
    @Path("logout")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout() {
        // ends every session of the account (all its tokens so far), not only this browser's cookie
        try {
            if (!identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken jwt
                    && authConfig.issuer().equals(jwt.getIssuer())) {
                accounts.revokeSessions(jwt.getName());
            }
        } catch (RuntimeException e) {
            // no valid session: nothing to revoke, the cookie is cleared anyway
        }
        return Response.seeOther(URI.create("/console/login")).header(HttpHeaders.SET_COOKIE, LoginResource.clearedSessionCookie()).build();
    }

    /** Switches the UI language and returns to the page (console paths only: no open redirect). */
    @GET
    @Path("lang")
    @PermitAll
    public Response language(@RestQuery("l") String lang, @RestQuery String back) {
        String chosen = ConsoleLanguage.SUPPORTED.contains(lang) ? lang : "en";
        String target = back != null && back.startsWith("/console") && !back.startsWith("//") && !back.contains("\\")
                && back.length() <= 2000 && back.chars().allMatch(c -> c > 0x20 && c < 0x7f) && isUri(back)
                ? back : "/console";
        NewCookie cookie = new NewCookie.Builder(ConsoleLanguage.COOKIE).value(chosen).path("/console").httpOnly(true)
                .secure(true).sameSite(NewCookie.SameSite.STRICT).maxAge(365 * 24 * 3600).build();
        return Response.seeOther(URI.create(target)).cookie(cookie).build();
    }


    /** CR, LF, spaces or a malformed URI in {@code back} must not reach the Location header: back to /console. */
    private static boolean isUri(String value) {
        try {
            URI.create(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
