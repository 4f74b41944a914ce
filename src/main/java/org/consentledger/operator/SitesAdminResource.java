package org.consentledger.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.consentledger.config.ConfigService;
import org.consentledger.config.ConfigVersion;
import org.consentledger.site.Site;
import org.consentledger.site.SiteService;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Admin API for sites: create (admins), list (scoped to the caller's sites), read, update settings. */
@Path("/api/v1/admin/sites")
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
public class SitesAdminResource {

    /** Create body. */
    public record NewSite(String siteKey, String name, List<String> allowedOrigins, Integer retentionDays) {
    }

    /**
     * Settings update; absent fields stay as they are. {@code cookie} (name, maxAgeDays, domain of the consent
     * cookie) lives in the banner configuration, so changing it publishes a new config version.
     */
    public record SiteUpdate(List<String> allowedOrigins, Integer retentionDays, JsonNode cookie) {
    }

    /** A site as shown to operators. */
    public record SiteView(String siteKey, String name, List<String> allowedOrigins, int retentionDays,
            Instant createdAt) {
    }

    @Inject
    SiteService sites;

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
    public List<SiteView> list() {
        return sites.list().stream().filter(s -> access.mayRead(s.siteKey)).map(this::view).toList();
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(NewSite body) {
        if (body == null) {
            throw OperatorProblems.badRequest("A JSON body is required");
        }
        Site site = sites.create(body.siteKey(), body.name(), body.allowedOrigins(), body.retentionDays());
        audit.record("site.create", site.siteKey, site.siteKey, Map.of("name", site.name,
                "allowedOrigins", site.allowedOrigins, "retentionDays", site.retentionDays));
        return Response.created(UriBuilder.fromPath("/api/v1/admin/sites/{k}").build(site.siteKey))
                .entity(view(site)).build();
    }

    @GET
    @Path("{siteKey}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    public SiteView get(@PathParam("siteKey") String siteKey) {
        access.requireRead(siteKey);
        return view(sites.require(siteKey));
    }

    @PATCH
    @Path("{siteKey}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Map<String, Object> update(@PathParam("siteKey") String siteKey, SiteUpdate body) {
        access.requireWrite(siteKey);
        if (body == null || (body.allowedOrigins() == null && body.retentionDays() == null && body.cookie() == null)) {
            throw OperatorProblems.badRequest("Nothing to change: send allowedOrigins, retentionDays and/or cookie");
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        Site site = sites.require(siteKey);
        if (body.allowedOrigins() != null) {
            site = sites.updateAllowedOrigins(siteKey, body.allowedOrigins());
            changed.put("allowedOrigins", body.allowedOrigins());
        }
        if (body.retentionDays() != null) {
            site = sites.updateRetention(siteKey, body.retentionDays());
            changed.put("retentionDays", body.retentionDays());
        }
        Integer publishedVersion = null;
        if (body.cookie() != null) {
            if (!body.cookie().isObject()) {
                throw OperatorProblems.invalid(Map.of("cookie", "an object with name, maxAgeDays, domain"));
            }
            List<ConfigVersion> versions = configs.list(siteKey);
            if (versions.isEmpty()) {
                throw OperatorProblems.conflict("The site has no banner configuration yet; publish one first");
            }
            ObjectNode content = (ObjectNode) parse(versions.get(0).content());
            ObjectNode cookie = content.with("cookie");
            cookie.setAll((ObjectNode) body.cookie());
            ConfigService.PublishResult published = configs.publish(siteKey, content, access.actor());
            publishedVersion = published.version().version();
            if (published.created()) {
                audit.record("config.publish", siteKey, "v" + publishedVersion, Map.of("version", publishedVersion,
                        "contentHash", published.version().contentHash(), "reason", "cookie settings changed"));
            }
            changed.put("cookie", body.cookie());
            changed.put("configVersion", publishedVersion);
        }
        audit.record("site.update", siteKey, siteKey, changed);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("site", view(site));
        result.put("configVersion", publishedVersion);
        return result;
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Stored config is not JSON", e);
        }
    }

    private SiteView view(Site s) {
        return new SiteView(s.siteKey, s.name, sites.origins(s), s.retentionDays, s.createdAt);
    }
}
