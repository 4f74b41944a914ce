package org.consentledger.banner;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only host pages for the browser tests: a shop page that embeds the banner with one script tag and
 * gated scripts, iframes and images whose side effects (server hits, window.__effects) prove whether and
 * how often they ran.
 */
@Path("/banner-test")
public class FixturePageResource {

    /** The strict CSP an operator sets (documented in banner-js/README.md): no 'unsafe-inline', no eval. */
    static final String STRICT_CSP = "default-src 'self'; script-src 'self' 'nonce-fixture-nonce'; style-src 'self'; "
            + "img-src 'self'; frame-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";

    /**
     * Fixture pages stand for an operator's own site without a policy; the service would otherwise give them its own
     * strict defaults (platform.HtmlSecurityHeaders), so they say explicitly that they have none.
     */
    static final String NO_POLICY = "default-src * data: blob: 'unsafe-inline' 'unsafe-eval'";

    static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();
    private static final byte[] GIF = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    static int hits(String site, String name) {
        AtomicInteger count = HITS.get(site + "/" + name);
        return count == null ? 0 : count.get();
    }

    @GET
    @Path("page/{site}")
    public Response page(@PathParam("site") String site, @QueryParam("lang") @DefaultValue("de") String lang,
                         @QueryParam("csp") @DefaultValue("false") boolean csp) {
        String html = read("page.html")
                .replace("{{lang}}", "none".equals(lang) ? "" : " lang=\"" + lang + "\"")
                .replace("{{csp}}", "")
                .replace("{{site}}", site)
                .replace("/banner-test/effect/", "/banner-test/effect/" + site + "/");
        Response.ResponseBuilder response = Response.ok(html, "text/html; charset=utf-8");
        response.header("Content-Security-Policy", csp ? STRICT_CSP : NO_POLICY);
        return response.build();
    }

    /** A long page with focusable elements all the way down to a footer at the very end (WCAG 2.4.11 test). */
    @GET
    @Path("long/{site}")
    public Response longPage(@PathParam("site") String site, @QueryParam("link") @DefaultValue("true") boolean link) {
        StringBuilder html = new StringBuilder("<!doctype html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Long page</title>\n"
                + "<script src=\"/banner.js\" data-site=\"" + site + "\" async></script>\n"
                + "<link rel=\"stylesheet\" href=\"/banner-test/page.css\">\n</head>\n<body class=\"long\">\n"
                + "<header><a id=\"start\" href=\"#start\">Start</a></header>\n<main>\n<h1>Long page</h1>\n");
        for (int i = 1; i <= 24; i++) {
            html.append("<p>Paragraph ").append(i).append(" with a <a id=\"l").append(i).append("\" href=\"#l").append(i)
                    .append("\">link number ").append(i).append("</a>.</p>\n");
        }
        html.append("<label>Search <input id=\"search\" type=\"search\"></label>\n<button id=\"last-button\" type=\"button\">Last button</button>\n"
                + "</main>\n<footer>" + (link ? "<a id=\"settings-link\" href=\"#consent-settings\">Cookie Settings</a> " : "")
                + "<a id=\"imprint\" href=\"#imprint\">Impressum</a></footer>\n</body>\n</html>\n");
        return Response.ok(html.toString(), "text/html; charset=utf-8").header("Content-Security-Policy", NO_POLICY).build();
    }

    @GET
    @Path("page.css")
    public Response css() {
        return Response.ok(read("page.css"), "text/css").build();
    }

    @GET
    @Path("page.js")
    public Response js() {
        return Response.ok(read("page.js"), "text/javascript").build();
    }

    @GET
    @Path("effect/{site}/{name}")
    public Response effect(@PathParam("site") String site, @PathParam("name") String name) {
        HITS.computeIfAbsent(site + "/" + name, k -> new AtomicInteger()).incrementAndGet();
        if (name.endsWith(".gif")) {
            return Response.ok(GIF, "image/gif").build();
        }
        if (name.endsWith(".html")) {
            return Response.ok("<!doctype html><title>frame</title><p>frame loaded</p>", "text/html").build();
        }
        String key = name.replace(".js", "");
        return Response.ok("window.__effects=window.__effects||{};window.__effects['" + key + "']=(window.__effects['"
                + key + "']||0)+1;", "text/javascript").build();
    }

    private static String read(String name) {
        try (InputStream in = FixturePageResource.class.getResourceAsStream("/banner-test/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
