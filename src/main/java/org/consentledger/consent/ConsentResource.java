package org.consentledger.consent;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.consentledger.platform.JsonBody;
import org.consentledger.platform.Problem;
import org.consentledger.platform.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Visitor-facing consent API: record decisions, read a visitor's state, withdraw. */
@Path("/api/v1/sites/{siteKey}")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentResource {

    @Inject
    ConsentService consents;

    @Inject
    IngestConfig ingest;

    @Inject
    ObjectMapper mapper;

    @Context
    HttpServerRequest http;

    @POST
    @Path("consents")
    @Consumes(MediaType.WILDCARD)
    @Blocking
    @Operation(summary = "Record a consent decision; 201 only after it is durably committed")
    public CompletionStage<Response> record(@PathParam("siteKey") String siteKey,
                                            @HeaderParam("Content-Type") String contentType,
                                            byte[] body) {
        JsonBody.requireJson(contentType);
        ConsentRequest request = parse(body, ConsentRequest.class);
        return consents.record(siteKey, request, client(), idempotencyKey()).thenApply(ConsentResource::created);
    }

    @GET
    @Path("visitors/{visitorId}/consent")
    @Operation(summary = "The visitor's current consent state and full history")
    public Map<String, Object> visitor(@PathParam("siteKey") String siteKey, @PathParam("visitorId") String visitorId) {
        List<ConsentView> history = consents.history(siteKey, visitorId);
        if (history.isEmpty()) {
            throw ProblemException.notFound("No consent recorded for visitor " + visitorId);
        }
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("siteKey", siteKey);
        answer.put("visitorId", visitorId);
        answer.put("current", history.get(0));
        answer.put("history", history);
        return answer;
    }

    /** Body: optional {@code {"categories": [...]}}; empty withdraws every optional category. */
    @POST
    @Path("visitors/{visitorId}/withdrawal")
    @Consumes(MediaType.WILDCARD)
    @Blocking
    @Operation(summary = "Withdraw consent for all optional categories or the listed ones")
    public CompletionStage<Response> withdraw(@PathParam("siteKey") String siteKey,
                                              @PathParam("visitorId") String visitorId,
                                              @HeaderParam("Content-Type") String contentType,
                                              byte[] body) {
        List<String> categories = List.of();
        if (body != null && body.length > 0) {
            if (contentType == null || !JsonBody.isJson(contentType)) {
                throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported Media Type",
                        "Send the withdrawal as application/json or with an empty body"));
            }
            WithdrawalRequest request = parse(body, WithdrawalRequest.class);
            categories = request.categories() == null ? List.of() : request.categories();
            for (int i = 0; i < categories.size(); i++) {
                if (categories.get(i) == null) {
                    throw ProblemException.invalidField("categories[" + i + "]", "must be a category id, not null");
                }
            }
        }
        return consents.withdraw(siteKey, visitorId, categories, client(), idempotencyKey())
                .thenApply(r -> r.replay() ? replayed(r) : created(r));
    }

    /** Body of a withdrawal: the categories to withdraw (all optional ones when absent). */
    public record WithdrawalRequest(List<String> categories) {
    }

    /** The raw header: present but empty (or only whitespace) is an error, not "no key". */
    private String idempotencyKey() {
        return http.getHeader("Idempotency-Key");
    }

    private <T> T parse(byte[] body, Class<T> type) {
        return JsonBody.parse(mapper, body, type, ingest.maxBodyBytes());
    }

    private ClientInfo client() {
        String address = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        return new ClientInfo(address, http.getHeader("User-Agent"), http.getHeader("Sec-GPC"), http.getHeader("Origin"));
    }

    private static Response created(ConsentService.Recorded recorded) {
        // a relative Location (RFC 9110): resolving against the base URI would need the request context,
        // which the writer thread that completes this stage does not have
        Response.ResponseBuilder builder = Response.status(Response.Status.CREATED)
                .header("Location", recorded.consent().receiptUrl())
                .entity(recorded.consent());
        if (recorded.replay()) {
            builder.header("Idempotent-Replayed", "true");
        }
        return builder.build();
    }

    private static Response replayed(ConsentService.Recorded recorded) {
        return Response.ok(recorded.consent()).header("Idempotent-Replayed", "true").build();
    }
}
