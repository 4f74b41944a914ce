package org.consentledger.banner;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test-only pages for the benchmark: the same page with our banner or with CookieConsent v3 (from target/bench). */
@jakarta.ws.rs.Path("/banner-bench")
public class BenchPageResource {

    static final Path DIST = Path.of("target", "bench", "package", "dist");

    private static final String HEAD = "<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Bench</title>";
    private static final String BODY = "<body><main><h1>Fixture shop</h1><p>Some content.</p>"
            + "<p>More content so the page is not empty.</p></main></body></html>";

    @GET
    @jakarta.ws.rs.Path("ours/{site}")
    public Response ours(@PathParam("site") String site) {
        return html(HEAD + "<script src=\"/banner.js\" data-site=\"" + site + "\" async></script></head>" + BODY);
    }

    /** Our banner through the per-site script: code and published config in one request. */
    @GET
    @jakarta.ws.rs.Path("ours-inline/{site}")
    public Response oursInline(@PathParam("site") String site) {
        return html(HEAD + "<script src=\"/sites/" + site + "/banner.js?lang=de\" data-site=\"" + site + "\" async></script></head>" + BODY);
    }

    @GET
    @jakarta.ws.rs.Path("cookieconsent")
    public Response cookieConsent() {
        return html(HEAD + "<link rel=\"stylesheet\" href=\"/banner-bench/dist/cookieconsent.css\">"
                + "<script src=\"/banner-bench/dist/cookieconsent.umd.js\" async></script>"
                + "<script src=\"/banner-bench/cc-init.js\" defer></script></head>" + BODY);
    }

    @GET
    @jakarta.ws.rs.Path("cc-init.js")
    public Response cookieConsentInit() {
        String js = "(function run(){ if (!window.CookieConsent) { return setTimeout(run, 1); }"
                + " CookieConsent.run({hideFromBots: false, categories: {necessary: {enabled: true, readOnly: true}, analytics: {}},"
                + " language: {default: 'de', translations: {de: {"
                + " consentModal: {title: 'Datenschutz bei Fixture', description: 'Wir setzen Cookies nur mit Ihrer Einwilligung ein.',"
                + " acceptAllBtn: 'Alle akzeptieren', acceptNecessaryBtn: 'Alle ablehnen', showPreferencesBtn: 'Einstellungen'},"
                + " preferencesModal: {title: 'Einstellungen', acceptAllBtn: 'Alle akzeptieren', acceptNecessaryBtn: 'Alle ablehnen',"
                + " savePreferencesBtn: 'Auswahl speichern', sections: [{title: 'Statistik', linkedCategory: 'analytics'}]}}}}}); })();";
        return Response.ok(js, "text/javascript").build();
    }

    @GET
    @jakarta.ws.rs.Path("dist/{file}")
    public Response dist(@PathParam("file") String file) throws IOException {
        Path path = DIST.resolve(file).normalize();
        if (!path.startsWith(DIST) || !Files.isRegularFile(path)) {
            throw new NotFoundException();
        }
        return Response.ok(Files.readAllBytes(path), file.endsWith(".css") ? "text/css" : "text/javascript").build();
    }

    private static Response html(String html) {
        return Response.ok(html, "text/html; charset=utf-8")
                .header("Content-Security-Policy", FixturePageResource.NO_POLICY).build();
    }
}
