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
import org.consentledger.platform.Problem;
import org.consentledger.platform.ProblemException;
import org.consentledger.site.InstallCheck;
import org.consentledger.site.Site;
import org.consentledger.site.SiteTemplates;
import org.consentledger.site.SiteService;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Admin API for sites: create (admins), list (scoped to the caller's sites), read, update settings. */
@Path("/api/v1/admin/sites")
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
public class SitesAdminResource {

    /**
     * Create body. Optional {@code template}: {@code "starter"} publishes version 1 from the starter configuration
     * (essential + analytics with Microsoft Clarity) in {@code languages} (de and/or en, default both);
     * {@code "copy"} publishes a copy of the latest version of site {@code copyFrom} (its consent cookie renamed).
     * Without a template the site starts without a banner configuration.
     */
    public record NewSite(String siteKey, String name, List<String> allowedOrigins, Integer retentionDays,
            List<String> languages, String template, String copyFrom) {
        public NewSite(String siteKey, String name, List<String> allowedOrigins, Integer retentionDays) {
            this(siteKey, name, allowedOrigins, retentionDays, null, null, null);
        }
    }

    /** Installation check of a site: allowed origins that fetched the banner, recently refused origins. */
    public record Installation(String siteKey, List<InstallCheck.OriginSeen> bannerSeen,
            List<InstallCheck.OriginSeen> refused) {
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
    io.quarkus.security.identity.SecurityIdentity identity;

    @Inject
    ObjectMapper mapper;

    @Inject
    InstallCheck installCheck;

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
        JsonNode config = startingConfig(body);
        Site site = sites.create(body.siteKey(), body.name(), body.allowedOrigins(), body.retentionDays());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", site.name);
        details.put("allowedOrigins", site.allowedOrigins);
        details.put("retentionDays", site.retentionDays);
        if (body.template() != null) {
            details.put("template", body.template());
        }
        if (body.copyFrom() != null) {
            details.put("copyFrom", body.copyFrom());
        }
        audit.record("site.create", site.siteKey, site.siteKey, details);
        if (config != null) {
            ConfigService.PublishResult published = configs.publish(site.siteKey, config, access.actor());
            audit.record("config.publish", site.siteKey, "v" + published.version().version(), Map.of("version",
                    published.version().version(), "contentHash", published.version().contentHash(), "reason",
                    "starting configuration (" + body.template() + ")"));
        }
        return Response.created(UriBuilder.fromPath("/api/v1/admin/sites/{k}").build(site.siteKey))
                .entity(view(site)).build();
    }

    /** The configuration version 1 of a new site, or null without a template; every problem is reported at once. */
    private JsonNode startingConfig(NewSite body) {
        String template = body.template();
        if (template == null || template.isBlank() || "none".equals(template)) {
            return null;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        JsonNode config = null;
        if (SiteTemplates.STARTER.equals(template)) {
            List<String> languages = body.languages() == null || body.languages().isEmpty() ? SiteTemplates.LANGUAGES
                    : body.languages();
            for (int i = 0; i < languages.size(); i++) {
                if (!SiteTemplates.LANGUAGES.contains(languages.get(i))) {
                    errors.add(new Problem.FieldError("languages[" + i + "]", "the starter template has texts in de and en only"));
                }
            }
            if (languages.stream().distinct().count() != languages.size()) {
                errors.add(new Problem.FieldError("languages", "each language once"));
            }
            String base = body.allowedOrigins() == null ? null : body.allowedOrigins().stream()
                    .filter(o -> org.consentledger.site.OriginPolicy.problemWith(o) == null)
                    .map(o -> o.endsWith(":*") ? o.substring(0, o.length() - 2) : o).findFirst().orElse(null);
            if (body.allowedOrigins() == null || body.allowedOrigins().isEmpty()) {
                errors.add(new Problem.FieldError("allowedOrigins", "the starter template needs the website's origin"));
            }
            // an invalid origin, key or name is reported by the site's own validation
            if (errors.isEmpty() && base != null && body.siteKey() != null && body.name() != null && !body.name().isBlank()) {
                config = SiteTemplates.starter(body.siteKey(), body.name().strip(), languages, base);
            }
        } else if (SiteTemplates.COPY.equals(template)) {
            String from = body.copyFrom();
            List<ConfigVersion> versions = from == null || sites.findByKey(from).isEmpty() ? List.of() : configs.list(from);
            if (versions.isEmpty()) {
                errors.add(new Problem.FieldError("copyFrom", "an existing site with a published banner configuration"));
            } else {
                access.requireRead(from);
                ObjectNode copy = (ObjectNode) parse(versions.get(0).content());
                if (body.siteKey() != null) {
                    copy.with("cookie").put("name", body.siteKey().replace('-', '_') + "_consent");
                }
                config = copy;
            }
        } else {
            errors.add(new Problem.FieldError("template", "one of starter, copy, none"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation("The site has invalid fields", errors);
        }
        return config;
    }

    @GET
    @Path("{siteKey}/installation")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    public Installation installation(@PathParam("siteKey") String siteKey) {
        long siteId = access.requireRead(siteKey).id();
        List<String> allowed = sites.origins(sites.require(siteKey));
        List<InstallCheck.OriginSeen> all = installCheck.origins(siteId, allowed);
        return new Installation(siteKey, all.stream().filter(InstallCheck.OriginSeen::allowed).toList(),
                all.stream().filter(o -> !o.allowed()).toList());
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
        if (body.retentionDays() != null && body.retentionDays() != site.retentionDays) {
            // retention decides when proof is purged for good: admins only, audited with the old value
            if (!identity.hasRole(Roles.ADMIN)) {
                throw OperatorProblems.forbidden("Only admins change a site's retention");
            }
            int before = site.retentionDays;
            site = sites.updateRetention(siteKey, body.retentionDays());
            changed.put("retentionDays", body.retentionDays());
            changed.put("retentionDaysBefore", before);
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
