package org.consentledger.operator;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller's own session: {@code POST /api/v1/auth/logout} (every token of the account so far stops working) and
 * {@code POST /api/v1/auth/password} (self-service password change for every role; also ends every session).
 */
@Path("/api/v1/auth")
public class SessionApiResource {

    /** Body of a password change. */
    public record PasswordChange(String currentPassword, String newPassword) {
    }

    @Inject
    JsonWebToken jwt;

    @Inject
    AccountService accounts;

    @Inject
    AuthConfig config;

    @POST
    @Path("logout")
    @Authenticated
    public Response logout() {
        requireLocal();
        accounts.revokeSessions(jwt.getName());
        return Response.noContent().build();
    }

    @POST
    @Path("password")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(PasswordChange body) {
        requireLocal();
        if (body == null) {
            throw OperatorProblems.badRequest("currentPassword and newPassword are required");
        }
        accounts.changePassword(jwt.getName(), body.currentPassword(), body.newPassword());
        return Response.noContent().build();
    }

    private void requireLocal() {
        if (!config.localAccounts() || !config.issuer().equals(jwt.getIssuer())) {
            throw OperatorProblems.notFound("Sessions of the configured identity provider end there");
        }
    }
}
