package org.consentledger.operator;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Admin API for local accounts. Admins only. */
@Path("/api/v1/admin/users")
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    /** Create body. */
    public record NewUser(String username, String password, Set<String> roles, Set<String> sites) {
    }

    /** Roles/sites update body. */
    public record RolesUpdate(Set<String> roles, Set<String> sites) {
    }

    /** Password reset body; no password means "generate one and show it once". */
    public record PasswordReset(String password) {
    }

    /** An account as shown to admins (never the hash). */
    public record UserView(String username, Set<String> roles, Set<String> sites, boolean enabled,
            Instant createdAt, Instant updatedAt) {
        static UserView of(OperatorAccount a) {
            return new UserView(a.username, a.roleSet(), a.siteSet(), a.enabled, a.createdAt, a.updatedAt);
        }
    }

    @Inject
    AccountService accounts;

    @GET
    @RolesAllowed(Roles.ADMIN)
    public List<UserView> list() {
        return accounts.list().stream().map(UserView::of).toList();
    }

    @GET
    @Path("{username}")
    @RolesAllowed(Roles.ADMIN)
    public UserView get(@PathParam("username") String username) {
        return accounts.find(username).map(UserView::of)
                .orElseThrow(() -> OperatorProblems.notFound("No user " + username));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewUser body) {
        if (body == null) {
            throw OperatorProblems.badRequest("A JSON body is required");
        }
        OperatorAccount account = accounts.create(body.username(), body.password(), body.roles(), body.sites());
        return Response.created(UriBuilder.fromPath("/api/v1/admin/users/{u}").build(account.username))
                .entity(UserView.of(account)).build();
    }

    @PUT
    @Path("{username}/roles")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public UserView updateRoles(@PathParam("username") String username, RolesUpdate body) {
        if (body == null) {
            throw OperatorProblems.badRequest("A JSON body is required");
        }
        return UserView.of(accounts.updateRoles(username, body.roles(), body.sites()));
    }

    @POST
    @Path("{username}/disable")
    @RolesAllowed(Roles.ADMIN)
    public UserView disable(@PathParam("username") String username) {
        return UserView.of(accounts.setEnabled(username, false));
    }

    @POST
    @Path("{username}/enable")
    @RolesAllowed(Roles.ADMIN)
    public UserView enable(@PathParam("username") String username) {
        return UserView.of(accounts.setEnabled(username, true));
    }

    @POST
    @Path("{username}/password")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> resetPassword(@PathParam("username") String username, PasswordReset body) {
        String requested = body == null ? null : body.password();
        String effective = accounts.resetPassword(username, requested);
        return requested == null
                ? Map.of("username", username, "password", effective, "generated", true)
                : Map.of("username", username, "generated", false);
    }
}
