package org.consentledger.policy;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Test-only: an operator's privacy policy page with the banner tag and the cookie-declaration snippet, exactly as
 * the console hands it out, served under a strict CSP (no 'unsafe-inline', no eval).
 */
@Path("/policy-test")
public class PolicyHostPageResource {

    static final String STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'";

    @GET
    @Path("host/{site}")
    public Response host(@PathParam("site") String site, @QueryParam("lang") @DefaultValue("de") String lang,
                         @QueryParam("div") @DefaultValue("true") boolean div, @Context UriInfo uri) {
        String baseUrl = uri.getBaseUri().toString().replaceAll("/$", "");
        String snippet = (div ? "<div data-consent-ledger-cookie-policy></div>" : "")
                + "<script src=\"" + baseUrl + "/sites/" + site + "/cookie-policy.js?lang=" + lang + "\" async></script>";
        String html = "<!doctype html>\n<html lang=\"" + lang + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>Datenschutzerklärung</title>\n"
                + "<script src=\"/banner.js\" data-site=\"" + site + "\" async></script>\n"
                + "<link rel=\"stylesheet\" href=\"/banner-test/page.css\">\n</head>\n<body>\n<main>\n"
                + "<h1>Datenschutzerklärung</h1>\n<p id=\"before\">1. Verantwortlicher …</p>\n<h2>5. Cookies</h2>\n"
                + snippet + "\n<p id=\"after\">6. Ihre Rechte …</p>\n</main>\n"
                + "<footer><a href=\"#consent-settings\">Cookie-Einstellungen</a></footer>\n</body>\n</html>\n";
        return Response.ok(html, "text/html; charset=utf-8").header("Content-Security-Policy", STRICT_CSP).build();
    }
}
