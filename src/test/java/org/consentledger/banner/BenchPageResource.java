package org.consentledger.banner;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only pages for the benchmark (banner-js/bench/run.sh): the same page content with our banner or with one of
 * the peers, whose packages run.sh fetches from npm into target/bench/PEER/. Same texts in every banner.
 */
@jakarta.ws.rs.Path("/banner-bench")
public class BenchPageResource {

    static final Path ROOT = Path.of("target", "bench").toAbsolutePath().normalize();
    static final String TITLE = "Datenschutz bei Fixture";
    static final String TEXT = "Wir setzen Cookies nur mit Ihrer Einwilligung ein.";

    private static final String HEAD = "<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Bench</title>";
    private static final String BODY = "<body><header><p>Fixture shop</p></header><main><h1>Fixture shop</h1>"
            + "<p>Some content.</p><p>More content so the page is not empty.</p></main>"
            + "<footer><a href=\"#consent-settings\">Cookie-Einstellungen</a></footer></body></html>";

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

    /** orestbida's CookieConsent v3 (npm vanilla-cookieconsent), embedded as its docs show. */
    @GET
    @jakarta.ws.rs.Path("cookieconsent")
    public Response cookieConsent() {
        String dist = "/banner-bench/files/vanilla-cookieconsent/package/dist/";
        return html(HEAD + "<link rel=\"stylesheet\" href=\"" + dist + "cookieconsent.css\">"
                + "<script src=\"" + dist + "cookieconsent.umd.js\" async></script>"
                + "<script src=\"/banner-bench/init/cookieconsent.js\" defer></script></head>" + BODY);
    }

    /** Osano's cookieconsent 3 (npm cookieconsent). */
    @GET
    @jakarta.ws.rs.Path("osano")
    public Response osano() {
        String build = "/banner-bench/files/cookieconsent/package/build/";
        return html(HEAD + "<link rel=\"stylesheet\" href=\"" + build + "cookieconsent.min.css\">"
                + "<script src=\"" + build + "cookieconsent.min.js\" async></script>"
                + "<script src=\"/banner-bench/init/osano.js\" defer></script></head>" + BODY);
    }

    /** Klaro (npm klaro), the build with CSS and translations, configured through window.klaroConfig. */
    @GET
    @jakarta.ws.rs.Path("klaro")
    public Response klaro() {
        return html(HEAD + "<script src=\"/banner-bench/init/klaro.js\"></script>"
                + "<script src=\"/banner-bench/files/klaro/package/dist/klaro.js\" defer></script></head>" + BODY);
    }

    /** tarteaucitron (npm tarteaucitronjs), loaded and initialised in the head as its docs show. */
    @GET
    @jakarta.ws.rs.Path("tarteaucitron")
    public Response tarteaucitron() {
        return html(HEAD + "<script src=\"/banner-bench/files/tarteaucitronjs/package/tarteaucitron.js\"></script>"
                + "<script src=\"/banner-bench/init/tarteaucitron.js\"></script></head>" + BODY);
    }

    /** c15t (npm c15t, headless, offline mode) with its documented minimal vanilla prompt (banner-js/bench/c15t-banner.js). */
    @GET
    @jakarta.ws.rs.Path("c15t")
    public Response c15t() {
        return html(HEAD + "<script src=\"/banner-bench/files/c15t/c15t-bench.js\" async></script></head>" + BODY);
    }

    @GET
    @jakarta.ws.rs.Path("init/{peer}.js")
    public Response init(@PathParam("peer") String peer) {
        String js = switch (peer) {
            case "cookieconsent" -> "(function run(){ if (!window.CookieConsent) { return setTimeout(run, 1); }"
                    + " CookieConsent.run({hideFromBots: false, categories: {necessary: {enabled: true, readOnly: true}, analytics: {}},"
                    + " language: {default: 'de', translations: {de: {"
                    + " consentModal: {title: '" + TITLE + "', description: '" + TEXT + "',"
                    + " acceptAllBtn: 'Alle akzeptieren', acceptNecessaryBtn: 'Alle ablehnen', showPreferencesBtn: 'Einstellungen'},"
                    + " preferencesModal: {title: 'Einstellungen', acceptAllBtn: 'Alle akzeptieren', acceptNecessaryBtn: 'Alle ablehnen',"
                    + " savePreferencesBtn: 'Auswahl speichern', sections: [{title: 'Statistik', linkedCategory: 'analytics'}]}}}}}); })();";
            case "osano" -> "(function run(){ if (!window.cookieconsent || !window.cookieconsent.initialise) { return setTimeout(run, 1); }"
                    + " window.cookieconsent.initialise({type: 'opt-in', revokable: true, content: {header: '" + TITLE + "',"
                    + " message: '" + TEXT + "', allow: 'Alle akzeptieren', deny: 'Alle ablehnen', link: 'Datenschutz',"
                    + " href: '/datenschutz'}}); })();";
            case "klaro" -> "window.klaroConfig = {version: 1, elementID: 'klaro', storageMethod: 'cookie', cookieName: 'klaro',"
                    + " mustConsent: false, acceptAll: true, hideDeclineAll: false, lang: 'de', noticeAsModal: false,"
                    + " translations: {de: {consentNotice: {title: '" + TITLE + "', description: '" + TEXT + "'},"
                    + " purposes: {analytics: 'Statistik'}}},"
                    + " services: [{name: 'clarity', title: 'Clarity', purposes: ['analytics']}]};";
            case "tarteaucitron" -> "tarteaucitron.init({privacyUrl: '', hashtag: '#tarteaucitron', cookieName: 'tarteaucitron',"
                    + " orientation: 'bottom', showAlertSmall: false, cookieslist: false, highPrivacy: true,"
                    + " handleBrowserDNTRequest: false, AcceptAllCta: true, DenyAllCta: true, mandatory: true, showIcon: false});"
                    + " tarteaucitron.user.clarity = 'bench'; (tarteaucitron.job = tarteaucitron.job || []).push('clarity');";
            default -> throw new NotFoundException();
        };
        return Response.ok(js, "text/javascript").build();
    }

    @GET
    @jakarta.ws.rs.Path("files/{file: .+}")
    public Response files(@PathParam("file") String file) throws IOException {
        Path path = ROOT.resolve(file).normalize();
        if (!path.startsWith(ROOT) || !Files.isRegularFile(path)) {
            throw new NotFoundException();
        }
        String type = file.endsWith(".css") ? "text/css" : file.endsWith(".json") ? "application/json" : "text/javascript";
        return Response.ok(Files.readAllBytes(path), type).build();
    }

    private static Response html(String html) {
        return Response.ok(html, "text/html; charset=utf-8")
                .header("Content-Security-Policy", FixturePageResource.NO_POLICY).build();
    }
}
