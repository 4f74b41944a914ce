package org.consentledger.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.consentledger.config.ConfigService;
import org.consentledger.config.PublishedConfig;
import org.consentledger.monitor.DraftEdit;
import org.consentledger.monitor.MonitorService;
import org.consentledger.operator.Roles;
import org.consentledger.operator.SiteAccess;
import org.consentledger.operator.SitesAdminResource;
import org.consentledger.platform.ProblemException;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.ArrayList;
import java.util.List;

/**
 * The cookie monitor page of a site: what real visits observed (docs/CONSOLE.md "Cookie monitor"); "add to config"
 * puts a cookie into a new draft under a chosen service (then the normal review and publish); "ignore" with a reason.
 */
@Path("/console/monitor")
public class MonitorPageResource {

    static final int DAYS = 30;

    /** A service to add a cookie to. */
    public record ServiceOption(String id, String name) {
    }

    public record MonitorPage(String siteKey, String siteName, MonitorService.View view, List<ServiceOption> services,
            boolean saved) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance monitor(MonitorPage page);
    }

    @Inject
    ConsoleSession session;
    @Inject
    SiteAccess access;
    @Inject
    SitesAdminResource sitesApi;
    @Inject
    MonitorService monitor;
    @Inject
    ConfigService configs;
    @Inject
    DraftService drafts;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    @Produces(MediaType.TEXT_HTML)
    public Response page(@RestQuery String site, @RestQuery String notice) {
        SiteAccess.SiteRef ref = access.requireRead(SitesResource.required(site));
        SitesAdminResource.SiteView view = sitesApi.get(site);
        List<ServiceOption> services = new ArrayList<>();
        configs.latestPublished(ref.id()).ifPresent(c -> c.content().path("services").forEach(s -> services.add(
                new ServiceOption(s.path("id").asText(), s.path("name").isTextual() ? s.path("name").asText()
                        : s.path("id").asText()))));
        MonitorPage page = new MonitorPage(site, view.name(), monitor.view(ref.id(), site, DAYS), services, "saved".equals(notice));
        return Response.ok(Templates.monitor(page).setLocale(session.locale()), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    @POST
    @Path("settings")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response settings(@RestForm String site, @RestForm String sampleRate) {
        SiteAccess.SiteRef ref = access.requireWrite(SitesResource.required(site));
        Integer rate;
        try {
            rate = Integer.valueOf(sampleRate == null ? "" : sampleRate.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("sampleRate", "a whole number, 0 = off");
        }
        monitor.setSampleRate(ref.id(), site, rate, access.actor());
        return SitesResource.seeOther("/console/monitor?site=" + SitesResource.enc(site) + "&notice=saved");
    }

    @POST
    @Path("ignore")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response ignore(@RestForm String site, @RestForm String kind, @RestForm String name, @RestForm String reason) {
        SiteAccess.SiteRef ref = access.requireWrite(SitesResource.required(site));
        monitor.ignore(ref.id(), site, kind, name, reason, access.actor());
        return SitesResource.seeOther("/console/monitor?site=" + SitesResource.enc(site) + "&notice=saved");
    }

    /** A new draft = the published configuration plus the cookie under the chosen service; opens it in the editor. */
    @POST
    @Path("add")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@RestForm String site, @RestForm String name, @RestForm String service, @RestForm String maxAge,
                        @RestForm String purpose) {
        SiteAccess.SiteRef ref = access.requireWrite(SitesResource.required(site));
        PublishedConfig latest = configs.latestPublished(ref.id())
                .orElseThrow(() -> ProblemException.notFound("Site " + site + " has no published configuration"));
        if (name == null || name.isBlank()) {
            throw ProblemException.invalidField("name", "required");
        }
        ObjectNode content = latest.content().deepCopy();
        if (service == null || !DraftEdit.addCookie(content, service, name.strip(), maxAge, purpose)) {
            throw ProblemException.invalidField("service", "not a service of the published configuration");
        }
        String draft = drafts.save(ref.id(), content, access.actor());
        return SitesResource.seeOther("/console/editor?site=" + SitesResource.enc(site) + "&draft=" + draft);
    }
}
