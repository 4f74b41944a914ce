package org.consentledger.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.consentledger.operator.TestTokens;
import org.consentledger.config.ConfigService;
import org.consentledger.operator.OperatorTestData;
import org.consentledger.site.SiteService;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** Test sites, the CSRF token of a console page, and console pages and forms requested with a session cookie. */
final class ConsoleTestData {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    record Csrf(String cookie, String token) {
    }

    private ConsoleTestData() {
    }

    static Csrf csrfFromLogin() {
        return extract(given().when().get("/console/login"));
    }

    static Csrf csrf(String session, String path) {
        return extract(given().cookie(LoginResource.SESSION_COOKIE, session).when().get(path));
    }

    private static Csrf extract(Response page) {
        Matcher m = TOKEN.matcher(page.body().asString());
        if (!m.find()) {
            throw new AssertionError("no CSRF token on the page: " + page.statusCode());
        }
        return new Csrf(page.cookie(ConsoleSession.CSRF_COOKIE), m.group(1));
    }

    /** The HTML of a console page that answers 200, in language {@code lang}. */
    static String consolePage(String session, String lang, String path) {
        return given().cookie(LoginResource.SESSION_COOKIE, session).cookie(ConsoleLanguage.COOKIE, lang)
                .when().get(path).then().statusCode(200).extract().asString();
    }

    /** Sends a console form with a valid CSRF token, in language {@code lang}; redirects are not followed. */
    static Response postForm(String session, String lang, String path, Map<String, String> form) {
        Csrf csrf = csrf(session, "/console");
        var request = given().redirects().follow(false).cookie(LoginResource.SESSION_COOKIE, session)
                .cookie(ConsoleLanguage.COOKIE, lang).cookie(ConsoleSession.CSRF_COOKIE, csrf.cookie())
                .contentType(ContentType.URLENC).formParam("csrf-token", csrf.token());
        form.forEach(request::formParam);
        return request.when().post(path);
    }

    /** Read through the API: the test's own persistence context would answer with the entity it loaded before. */
    static boolean accountEnabled(String user) {
        return given().auth().oauth2(TestTokens.admin())
                .when().get("/api/v1/admin/users/" + user).then().statusCode(200).extract().path("enabled");
    }

    /** A site whose name, a category title and a service name carry script and attribute injections. */
    static void xssSite(SiteService sites, ConfigService configs, String siteKey, String name) {
        if (sites.findByKey(siteKey).isPresent()) {
            return;
        }
        sites.create(siteKey, name, List.of("https://" + siteKey + ".example"), null);
        ObjectNode config = OperatorTestData.exampleConfig();
        ((ObjectNode) config.withArray("categories").get(1).get("title")).put("en", "Stats\"onmouseover=\"window.pwned=4");
        ((ObjectNode) config.withArray("categories").get(1).get("title")).put("de", "<script>window.pwned=5</script>");
        ((ObjectNode) config.withArray("services").get(1)).put("name", "<img src=x onerror=window.pwned=3>");
        configs.publish(siteKey, config, "test");
    }
}
