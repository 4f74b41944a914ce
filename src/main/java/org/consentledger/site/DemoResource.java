package org.consentledger.site;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.consentledger.platform.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A sample page of a site with the banner tag and a gated analytics script: the quickest way to see it work. */
@Path("/demo")
public class DemoResource {

    @Inject
    SiteService sites;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance demo(String siteKey, String siteName);
    }

    @GET
    @Path("{siteKey}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Sample page of a site with the banner")
    public TemplateInstance demo(@PathParam("siteKey") String siteKey) {
        Site site = sites.findByKey(siteKey).orElseThrow(() -> ProblemException.notFound("Unknown site: " + siteKey));
        return Templates.demo(site.siteKey, site.name);
    }
}
