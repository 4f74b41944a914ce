package org.consentledger.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.consentledger.config.ConfigService;
import org.consentledger.config.ConfigVersion;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Banner-config versions of a site: publish (validated, immutable), list, get, diff. */
@Path("/api/v1/admin/sites/{siteKey}/configs")
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
public class ConfigsAdminResource {

    @Inject
    ConfigService configs;

    @Inject
    SiteAccess access;

    @Inject
    AuditService audit;

    @Inject
    ObjectMapper mapper;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    public List<Map<String, Object>> list(@PathParam("siteKey") String siteKey) {
        access.requireRead(siteKey);
        return configs.list(siteKey).stream().map(v -> summary(siteKey, v)).toList();
    }

    /** Publishes a new version: 201 with its Location; 200 when the content equals the latest version. */
    @POST
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response publish(@PathParam("siteKey") String siteKey, JsonNode content) {
        access.requireWrite(siteKey);
        if (content == null || !content.isObject()) {
            throw OperatorProblems.badRequest("The body must be a banner configuration (a JSON object)");
        }
        ConfigService.PublishResult result = configs.publish(siteKey, content, access.actor());
        ConfigVersion v = result.version();
        Map<String, Object> body = summary(siteKey, v);
        if (!result.created()) {
            return Response.ok(body).build();
        }
        audit.record("config.publish", siteKey, "v" + v.version(), Map.of("version", v.version(),
                "contentHash", v.contentHash()));
        return Response.created(UriBuilder.fromPath("/api/v1/admin/sites/{k}/configs/{v}").build(siteKey, v.version()))
                .entity(body).build();
    }

    /**
     * Rollback: publishes the content of an earlier version as a new version (history and ledger untouched). 201 with
     * the new version; 200 when that content is the latest version already.
     */
    @POST
    @Path("{version: [0-9]+}/rollback")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Transactional
    public Response rollback(@PathParam("siteKey") String siteKey, @PathParam("version") int version) {
        access.requireWrite(siteKey);
        ConfigVersion earlier = require(siteKey, version);
        ConfigService.PublishResult result = configs.publish(siteKey, parse(earlier.content()), access.actor());
        ConfigVersion v = result.version();
        Map<String, Object> body = summary(siteKey, v);
        body.put("rolledBackTo", version);
        if (!result.created()) {
            return Response.ok(body).build();
        }
        audit.record("config.rollback", siteKey, "v" + v.version(), Map.of("version", v.version(),
                "contentHash", v.contentHash(), "copyOf", version));
        return Response.created(UriBuilder.fromPath("/api/v1/admin/sites/{k}/configs/{v}").build(siteKey, v.version()))
                .entity(body).build();
    }

    @GET
    @Path("{version: [0-9]+}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    public Map<String, Object> get(@PathParam("siteKey") String siteKey, @PathParam("version") int version) {
        access.requireRead(siteKey);
        ConfigVersion v = require(siteKey, version);
        Map<String, Object> body = summary(siteKey, v);
        body.put("content", parse(v.content()));
        return body;
    }

    /** What changed from version {@code from} to version {@code to}, and whether visitors must be asked again. */
    @GET
    @Path("diff")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    public Map<String, Object> diff(@PathParam("siteKey") String siteKey, @QueryParam("from") String fromParam,
            @QueryParam("to") String toParam) {
        access.requireRead(siteKey);
        Integer from = QueryParams.integer("from", fromParam);
        Integer to = QueryParams.integer("to", toParam);
        if (from == null || to == null) {
            throw OperatorProblems.badRequest("from and to (version numbers) are required");
        }
        ConfigDiff.Result diff = ConfigDiff.diff(parse(require(siteKey, from).content()),
                parse(require(siteKey, to).content()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("siteKey", siteKey);
        body.put("from", from);
        body.put("to", to);
        body.put("categories", diff.categories());
        body.put("services", diff.services());
        body.put("cookies", diff.cookies());
        body.put("texts", diff.texts());
        body.put("otherChanged", diff.otherChanged());
        body.put("reconsentRequired", diff.reconsentRequired());
        body.put("reasons", diff.reasons());
        return body;
    }

    private ConfigVersion require(String siteKey, int version) {
        return configs.get(siteKey, version)
                .orElseThrow(() -> OperatorProblems.notFound("No version " + version + " of site " + siteKey));
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("Stored config is not JSON", e);
        }
    }

    private static Map<String, Object> summary(String siteKey, ConfigVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("siteKey", siteKey);
        m.put("version", v.version());
        m.put("contentHash", v.contentHash());
        m.put("publishedAt", v.publishedAt());
        m.put("publishedBy", v.publishedBy());
        return m;
    }
}
