package org.consentledger.operator;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import org.consentledger.platform.Problem;
import org.consentledger.platform.ProblemMappers;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Authentication and authorisation failures as problem+json, never with a stack trace. */
public class AuthExceptionMappers {

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ProblemMappers.toResponse(Problem.of(403, "forbidden", "Forbidden",
                "Your role does not allow this operation"));
    }

    private static Response unauthenticated() {
        return Response.fromResponse(ProblemMappers.toResponse(Problem.of(401, "unauthorized", "Unauthorized",
                "A valid bearer token is required"))).header("WWW-Authenticate", "Bearer").build();
    }
}
