package org.consentledger.operator;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import org.consentledger.config.ConfigService;
import org.consentledger.site.SiteService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The full authentication and tenant matrix, driven over one list of every admin endpoint. A second test scans
 * the compiled resources and fails when an endpoint under /api/v1/admin is missing from the list.
 */
@QuarkusTest
class AuthMatrixTest {

    static final String SITE = "alpha";
    static final String OTHER_SITE = "beta";
    /** Marker values of site alpha that must never reach another tenant. */
    static final String SECRET_VISITOR = "visitor-alpha-secret";
    static final String SECRET_NAME = "Alpha Secret Corp";

    /** Who may call an endpoint successfully. */
    enum Access {
        /** admins only */
        ADMIN,
        /** admin, operator and auditor of the site */
        READ,
        /** admin and operator of the site */
        WRITE,
        /** any operator role; answers only with the caller's own sites */
        SCOPED_LIST
    }

    /**
     * One endpoint; {siteKey}, {username}, {visitorId}, {version} in the path are filled in, {@code query} is appended.
     */
    record Endpoint(String method, String path, Access access, Function<String, String> body, String query) {
        Endpoint(String method, String path, Access access, Function<String, String> body) {
            this(method, path, access, body, null);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static String newUserBody(String unused) {
        return "{\"username\":\"u-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"password\":\"a-long-password-1\",\"roles\":[\"auditor\"],\"sites\":[\"alpha\"]}";
    }

    /** Every endpoint under /api/v1/admin. */
    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/v1/admin/users", Access.ADMIN, null),
            new Endpoint("POST", "/api/v1/admin/users", Access.ADMIN, AuthMatrixTest::newUserBody),
            new Endpoint("GET", "/api/v1/admin/users/{username}", Access.ADMIN, null),
            new Endpoint("PUT", "/api/v1/admin/users/{username}/roles", Access.ADMIN,
                    u -> "{\"roles\":[\"auditor\"],\"sites\":[\"alpha\"]}"),
            new Endpoint("POST", "/api/v1/admin/users/{username}/disable", Access.ADMIN, null),
            new Endpoint("POST", "/api/v1/admin/users/{username}/enable", Access.ADMIN, null),
            new Endpoint("POST", "/api/v1/admin/users/{username}/password", Access.ADMIN,
                    u -> "{\"password\":\"another-password-1\"}"),
            new Endpoint("GET", "/api/v1/admin/audit", Access.ADMIN, null),
            new Endpoint("GET", "/api/v1/admin/audit", Access.ADMIN, null, "actionPrefix=dsr.&count=true&from=2026-01-01"),
            new Endpoint("GET", "/api/v1/admin/sites", Access.SCOPED_LIST, null),
            new Endpoint("POST", "/api/v1/admin/sites", Access.ADMIN, u -> "{\"siteKey\":\"s-" + UUID.randomUUID()
                    .toString().substring(0, 8) + "\",\"name\":\"New\",\"allowedOrigins\":[\"https://new.example\"]}"),
            new Endpoint("GET", "/api/v1/admin/sites/{siteKey}", Access.READ, null),
            new Endpoint("PATCH", "/api/v1/admin/sites/{siteKey}", Access.WRITE, u -> "{\"retentionDays\":1095}"),
            new Endpoint("GET", "/api/v1/admin/sites/{siteKey}/installation", Access.READ, null),
            new Endpoint("GET", "/api/v1/admin/sites/{siteKey}/configs", Access.READ, null),
            new Endpoint("POST", "/api/v1/admin/sites/{siteKey}/configs", Access.WRITE,
                    u -> OperatorTestData.exampleConfig().toString()),
            new Endpoint("GET", "/api/v1/admin/sites/{siteKey}/configs/{version: [0-9]+}", Access.READ, null),
            new Endpoint("POST", "/api/v1/admin/sites/{siteKey}/configs/{version: [0-9]+}/rollback", Access.WRITE, null),
            new Endpoint("GET", "/api/v1/admin/sites/{siteKey}/configs/diff", Access.READ, null, "from=1&to=1"),
            new Endpoint("GET", "/api/v1/admin/sites/{siteKey}/consents", Access.READ, null),
            new Endpoint("GET", "/api/v1/admin/sites/{siteKey}/consents", Access.READ, null, "visitorPrefix=visitor-alpha&count=true"),
            new Endpoint("GET", "/api/v1/admin/sites/{siteKey}/consents/export", Access.READ, null),
            new Endpoint("GET", "/api/v1/admin/sites/{siteKey}/stats", Access.READ, null),
            new Endpoint("GET", "/api/v1/admin/sites/{siteKey}/visitors/{visitorId}", Access.READ, null),
            new Endpoint("DELETE", "/api/v1/admin/sites/{siteKey}/visitors/{visitorId}", Access.WRITE, null),
            new Endpoint("GET", "/api/v1/admin/sites/{siteKey}/ledger/verify", Access.READ, null),
            new Endpoint("GET", "/api/v1/admin/sites/{siteKey}/dsr", Access.READ, null),
            new Endpoint("GET", "/api/v1/admin/sites/{siteKey}/visitors", Access.READ, null, "q=visitor-alpha"),
            new Endpoint("POST", "/api/v1/admin/sites/{siteKey}/dsr", Access.WRITE,
                    u -> "{\"visitorId\":\"" + SECRET_VISITOR + "\",\"kind\":\"access\"}"),
            new Endpoint("POST", "/api/v1/admin/sites/{siteKey}/dsr", Access.WRITE,
                    u -> "{\"visitorId\":\"" + SECRET_VISITOR + "\",\"kind\":\"erasure\",\"channel\":\"letter\",\"receivedAt\":\"2026-11-01\"}"),
            new Endpoint("GET", "/api/v1/admin/sites/{siteKey}/dsr/{requestId}", Access.READ, null),
            new Endpoint("POST", "/api/v1/admin/sites/{siteKey}/dsr/{requestId}/reject", Access.WRITE, null),
            // cookie monitor (issue 17)
            new Endpoint("GET", "/api/v1/admin/sites/{siteKey}/cookie-monitor", Access.READ, null),
            new Endpoint("GET", "/api/v1/admin/sites/{siteKey}/cookie-monitor", Access.READ, null, "format=csv"),
            new Endpoint("PUT", "/api/v1/admin/sites/{siteKey}/cookie-monitor/settings", Access.WRITE,
                    u -> "{\"sampleRate\":20}"),
            new Endpoint("POST", "/api/v1/admin/sites/{siteKey}/cookie-monitor/ignores", Access.WRITE,
                    u -> "{\"kind\":\"cookie\",\"name\":\"matrix_test\",\"reason\":\"set by the auth matrix\"}"));

    enum Case {
        NO_TOKEN, FORGED_SIGNATURE, ALG_NONE, EXPIRED, WRONG_ISSUER, WRONG_ROLE, OTHER_TENANT, ALLOWED,
        /** a real account's token after the account was disabled / demoted / logged out / given a new password */
        REVOKED_DISABLED, REVOKED_DEMOTED, REVOKED_LOGGED_OUT, REVOKED_PASSWORD_RESET
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    SiteService sites;

    @Inject
    ConfigService configs;

    @BeforeEach
    void data() {
        long alpha = OperatorTestData.site(sites, configs, SITE, SECRET_NAME);
        OperatorTestData.site(sites, configs, OTHER_SITE, "Beta GmbH");
        OperatorTestData.event(dataSource, alpha, SECRET_VISITOR, "given", "accept-all",
                "{\"essential\":true,\"analytics\":true}", Instant.now());
        rateLimiter.reset();
    }

    static Stream<Arguments> matrix() {
        List<Arguments> args = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            for (Case c : Case.values()) {
                args.add(Arguments.of(e, c));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("matrix")
    void endpointAnswersEveryCaseCorrectly(Endpoint endpoint, Case c) {
        String otherRoleToken = switch (endpoint.access()) {
            case ADMIN -> TestTokens.operator(SITE);
            case READ, SCOPED_LIST -> TestTokens.claims("nobody", Set.of("visitor"), List.of(SITE)).sign();
            case WRITE -> TestTokens.auditor(SITE);
        };
        switch (c) {
            case NO_TOKEN -> assertProblem(call(endpoint, null), 401);
            case FORGED_SIGNATURE -> assertProblem(call(endpoint, TestTokens.forged()), 401);
            case ALG_NONE -> assertProblem(call(endpoint, TestTokens.algNone()), 401);
            case EXPIRED -> assertProblem(call(endpoint, TestTokens.expired()), 401);
            case WRONG_ISSUER -> assertProblem(call(endpoint, TestTokens.wrongIssuer()), 401);
            case WRONG_ROLE -> assertProblem(call(endpoint, otherRoleToken), 403);
            case OTHER_TENANT -> {
                for (String token : List.of(TestTokens.operator(OTHER_SITE), TestTokens.auditor(OTHER_SITE))) {
                    Response r = call(endpoint, token);
                    boolean scopedAnswer = endpoint.access() == Access.SCOPED_LIST && r.statusCode() == 200;
                    assertTrue(scopedAnswer || r.statusCode() == 403 || r.statusCode() == 404,
                            endpoint + " gave " + r.statusCode() + " to another tenant");
                    assertFalse(r.asString().contains(SECRET_VISITOR) || r.asString().contains(SECRET_NAME),
                            endpoint + " leaked site data to another tenant");
                }
            }
            case REVOKED_DISABLED, REVOKED_DEMOTED, REVOKED_LOGGED_OUT, REVOKED_PASSWORD_RESET ->
                    assertProblem(call(endpoint, revokedToken(endpoint.access(), c)), 401);
            case ALLOWED -> {
                String token = switch (endpoint.access()) {
                    case ADMIN -> TestTokens.admin();
                    case READ, SCOPED_LIST -> TestTokens.auditor(SITE);
                    case WRITE -> TestTokens.operator(SITE);
                };
                Response r = call(endpoint, token);
                assertTrue(r.statusCode() >= 200 && r.statusCode() < 300,
                        endpoint + " refused an allowed caller: " + r.statusCode() + " " + r.asString());
            }
        }
    }

    /**
     * A token of a fresh local account that would be allowed on endpoints of {@code access}; it is shown to work, then
     * revoked the way {@code c} says. Revocation reaches this replica at once (other replicas: within a second).
     */
    static String revokedToken(Access access, Case c) {
        String user = "rv-" + UUID.randomUUID().toString().substring(0, 8);
        String roles = access == Access.ADMIN ? "[\"admin\"]" : access == Access.WRITE ? "[\"operator\"]" : "[\"auditor\"]";
        given().auth().oauth2(TestTokens.admin()).contentType("application/json")
                .body("{\"username\":\"" + user + "\",\"password\":\"revocable-secret-1\",\"roles\":" + roles
                        + ",\"sites\":[\"" + SITE + "\"]}")
                .post("/api/v1/admin/users").then().statusCode(201);
        String token = given().contentType("application/json")
                .body("{\"username\":\"" + user + "\",\"password\":\"revocable-secret-1\"}")
                .post("/api/v1/auth/token").then().statusCode(200).extract().path("access_token");
        given().auth().oauth2(token).get("/api/v1/admin/sites/" + SITE).then().statusCode(200);
        switch (c) {
            case REVOKED_DISABLED -> given().auth().oauth2(TestTokens.admin())
                    .post("/api/v1/admin/users/" + user + "/disable").then().statusCode(200);
            case REVOKED_DEMOTED -> given().auth().oauth2(TestTokens.admin()).contentType("application/json")
                    .body("{\"roles\":[\"auditor\"],\"sites\":[\"" + OTHER_SITE + "\"]}")
                    .put("/api/v1/admin/users/" + user + "/roles").then().statusCode(200);
            case REVOKED_LOGGED_OUT -> given().auth().oauth2(token).post("/api/v1/auth/logout").then().statusCode(204);
            case REVOKED_PASSWORD_RESET -> given().auth().oauth2(TestTokens.admin()).contentType("application/json")
                    .body("{\"password\":\"another-secret-2\"}")
                    .post("/api/v1/admin/users/" + user + "/password").then().statusCode(200);
            default -> throw new IllegalArgumentException(c.toString());
        }
        return token;
    }

    static Stream<Arguments> sessionEndpointCases() {
        List<Arguments> args = new ArrayList<>();
        for (String path : List.of("/api/v1/auth/logout", "/api/v1/auth/password")) {
            for (Case c : List.of(Case.NO_TOKEN, Case.FORGED_SIGNATURE, Case.ALG_NONE, Case.EXPIRED, Case.WRONG_ISSUER,
                    Case.REVOKED_DISABLED, Case.REVOKED_DEMOTED, Case.REVOKED_LOGGED_OUT, Case.REVOKED_PASSWORD_RESET)) {
                args.add(Arguments.of(path, c));
            }
        }
        return args.stream();
    }

    /**
     * The session endpoints outside /api/v1/admin that every signed-in role may call (sign-out, own password change):
     * missing, forged, expired and revoked (disabled, demoted, logged-out, password-reset) tokens get 401, so a stolen
     * old token can neither change the password nor end the owner's new session.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("sessionEndpointCases")
    void sessionEndpointsRefuseMissingForgedExpiredAndRevokedTokens(String path, Case c) {
        String token = switch (c) {
            case NO_TOKEN -> null;
            case FORGED_SIGNATURE -> TestTokens.forged();
            case ALG_NONE -> TestTokens.algNone();
            case EXPIRED -> TestTokens.expired();
            case WRONG_ISSUER -> TestTokens.wrongIssuer();
            default -> revokedToken(Access.READ, c);
        };
        RequestSpecification spec = given().redirects().follow(false).contentType("application/json")
                .body("{\"currentPassword\":\"revocable-secret-1\",\"newPassword\":\"hijacked-secret-9x\"}");
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        assertProblem(spec.post(path), 401);
        if (token != null && c.name().startsWith("REVOKED") && c != Case.REVOKED_DISABLED) {
            String user = new io.restassured.path.json.JsonPath(new String(java.util.Base64.getUrlDecoder()
                    .decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8)).getString("sub");
            given().contentType("application/json").body("{\"username\":\"" + user + "\",\"password\":\"hijacked-secret-9x\"}")
                    .post("/api/v1/auth/token").then().statusCode(401);
        }
    }

    /** Fails when a resource method under /api/v1/admin is not in {@link #ENDPOINTS}. */
    @Test
    void matrixCoversEveryAdminEndpoint() throws Exception {
        Set<String> declared = new TreeSet<>();
        Path classes = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(classes.resolve("org/consentledger"))) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (root == null) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    String verb = verb(m);
                    if (verb == null) {
                        continue;
                    }
                    jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                    String path = join(root.value(), sub == null ? "" : sub.value());
                    if (path.startsWith("/api/v1/admin")) {
                        declared.add(verb + " " + path);
                    }
                }
            }
        }
        Set<String> covered = new TreeSet<>();
        ENDPOINTS.forEach(e -> covered.add(e.toString()));
        declared.removeAll(covered);
        assertEquals(Set.of(), declared, "admin endpoints missing from the auth matrix");
    }

    private static String verb(Method m) {
        if (m.isAnnotationPresent(GET.class)) {
            return "GET";
        }
        if (m.isAnnotationPresent(POST.class)) {
            return "POST";
        }
        if (m.isAnnotationPresent(PUT.class)) {
            return "PUT";
        }
        if (m.isAnnotationPresent(DELETE.class)) {
            return "DELETE";
        }
        if (m.isAnnotationPresent(PATCH.class)) {
            return "PATCH";
        }
        return null;
    }

    private static String join(String a, String b) {
        String s = ("/" + a + "/" + b).replaceAll("/+", "/");
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private Response call(Endpoint e, String token) {
        String user = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
        if (e.path().contains("{username}")) {
            given().auth().oauth2(TestTokens.admin()).contentType("application/json")
                    .body("{\"username\":\"" + user + "\",\"password\":\"a-long-password-1\",\"roles\":[\"auditor\"],"
                            + "\"sites\":[\"alpha\"]}")
                    .post("/api/v1/admin/users").then().statusCode(201);
        }
        String requestId = "0";
        if (e.path().contains("{requestId}")) {
            // a fresh open request of site alpha for every call (a rejected one cannot be rejected again)
            requestId = String.valueOf(given().auth().oauth2(TestTokens.admin()).contentType("application/json")
                    .body("{\"visitorId\":\"" + SECRET_VISITOR + "\",\"kind\":\"erasure\"}")
                    .post("/api/v1/admin/sites/" + SITE + "/dsr").then().statusCode(201).extract().path("id").toString());
        }
        String path = e.path().replace("{siteKey}", SITE).replace("{username}", user).replace("{requestId}", requestId)
                .replace("{visitorId}", SECRET_VISITOR).replace("{version: [0-9]+}", "1")
                + (e.query() == null ? "" : "?" + e.query());
        RequestSpecification spec = given().redirects().follow(false);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        if (e.body() != null) {
            spec = spec.contentType("application/json").body(e.body().apply(user));
        }
        return spec.request(e.method(), path);
    }

    private static void assertProblem(Response r, int status) {
        assertEquals(status, r.statusCode(), r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), "content type " + r.contentType());
        assertFalse(r.asString().contains(SECRET_VISITOR) || r.asString().contains(SECRET_NAME));
    }

}
