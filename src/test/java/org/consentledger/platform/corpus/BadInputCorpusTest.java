package org.consentledger.platform.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.consentledger.operator.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The bad-input corpus (src/test/resources/bad-input/*.jsonl, README "Errors"): every case is sent byte for byte
 * over a socket and must answer its expected status, as application/problem+json wherever the service answers,
 * change no row in any table and log no ERROR line (and no WARN with a stack trace).
 */
@QuarkusTest
class BadInputCorpusTest {

    static final String SITE = "kibox";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    private static final List<LogRecord> LOGGED = new CopyOnWriteArrayList<>();
    private static Handler handler;
    private static Map<String, String> placeholders;
    private static Map<String, String> baseline;

    @TestHTTPResource("/")
    URL base;

    @Inject
    AgroalDataSource dataSource;

    /** One case of a corpus file, after expanding its {@code paths} and {@code bodies}. */
    record Case(String file, String id, JsonNode spec, String path, String body) {
        @Override
        public String toString() {
            return id;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> all = new ArrayList<>();
        for (String file : List.of("visitor-api.jsonl", "operator-api.jsonl", "console.jsonl", "public-pages.jsonl",
                "http-framing.jsonl")) {
            try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/bad-input/" + file)) {
                assertNotNull(in, file);
                int line = 0;
                for (String text : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    line++;
                    if (text.isBlank() || text.startsWith("#")) {
                        continue;
                    }
                    JsonNode spec = JSON.readTree(text);
                    String id = file.replace(".jsonl", "") + ":" + line + " " + spec.path("id").asText();
                    List<String> paths = values(spec, "path", "paths");
                    List<String> bodies = values(spec, "body", "bodies");
                    for (int p = 0; p < paths.size(); p++) {
                        for (int b = 0; b < bodies.size(); b++) {
                            String suffix = (paths.size() > 1 ? " [path " + p + "]" : "")
                                    + (bodies.size() > 1 ? " [body " + b + "]" : "");
                            all.add(new Case(file, id + suffix, spec, paths.get(p), bodies.get(b)));
                        }
                    }
                }
            }
        }
        // -Dcorpus.only=http-framing (a file name or part of a case id) runs a part while working on it
        String only = System.getProperty("corpus.only", "");
        return all.stream().filter(c -> only.isEmpty() || c.id().contains(only));
    }

    private static List<String> values(JsonNode spec, String one, String many) {
        List<String> values = new ArrayList<>();
        if (spec.has(many)) {
            spec.get(many).forEach(v -> values.add(v.isNull() ? null : v.asText()));
        } else {
            values.add(spec.has(one) && !spec.get(one).isNull() ? spec.get(one).asText() : null);
        }
        return values;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersBadInputWithAProblemAndStoresNothing(Case c) throws Exception {
        prepare();
        // every case must leave the database as it was before the corpus started (one checksum per case)
        Map<String, String> before = baseline;
        LOGGED.clear();
        RawHttp.Answer answer = RawHttp.exchange(base.getPort(), request(c), c.spec().path("timeoutMillis").asInt(4000));

        JsonNode expect = c.spec().get("status");
        List<Integer> allowed = new ArrayList<>();
        if (expect.isArray()) {
            expect.forEach(s -> allowed.add(s.asInt()));
        } else {
            allowed.add(expect.asInt());
        }
        String got = answer.closedWithoutAnswer() ? "connection closed without an answer"
                : answer.status() + " " + answer.header("content-type") + " " + abbreviate(answer.body());
        if (answer.closedWithoutAnswer()) {
            assertTrue(allowed.contains(-1), c.id() + ": expected " + allowed + ", got " + got);
        } else {
            assertTrue(allowed.contains(answer.status()), c.id() + ": expected " + allowed + ", got " + got);
            assertTrue(answer.status() < 500 || answer.status() == 501, c.id() + ": server error " + got);
            boolean problem = answer.status() >= 400 && c.spec().path("problem").asBoolean(true);
            if (problem) {
                assertTrue(String.valueOf(answer.header("content-type")).startsWith("application/problem+json"),
                        c.id() + ": not problem+json: " + got);
                JsonNode doc = JSON.readTree(answer.body());
                assertEquals(answer.status(), doc.path("status").asInt(), c.id() + ": status in the problem: " + got);
                assertTrue(doc.path("type").asText().startsWith("https://consentledger.org/problems/"), c.id() + ": " + got);
                assertFalse(doc.path("detail").asText().isBlank(), c.id() + ": no detail: " + got);
                if (c.spec().hasNonNull("detailContains")) {
                    assertTrue(doc.path("detail").asText().contains(c.spec().get("detailContains").asText())
                                    || doc.path("errors").toString().contains(c.spec().get("detailContains").asText()),
                            c.id() + ": detail should name " + c.spec().get("detailContains") + ": " + got);
                }
                if (c.spec().has("type")) {
                    assertEquals("https://consentledger.org/problems/" + c.spec().get("type").asText(),
                            doc.path("type").asText(), c.id() + ": " + got);
                }
            }
            if (answer.status() >= 400 && c.file().equals("console.jsonl")) {
                // the console answers bad input with a page: the form with its error, or an error page
                assertTrue(String.valueOf(answer.header("content-type")).startsWith("text/html"),
                        c.id() + ": a console answer should be a page: " + got);
                assertTrue(answer.body().contains("<h1"), c.id() + ": a blank page: " + got);
            }
            for (String leak : List.of("Exception", "\tat ", "SQL", "org.consentledger", "jakarta.", "io.vertx")) {
                assertFalse(answer.body().contains(leak), c.id() + ": the answer leaks '" + leak + "': " + got);
            }
        }
        Map<String, String> after = checksums();
        Map<String, String> changed = new TreeMap<>(after);
        changed.entrySet().removeIf(e -> e.getValue().equals(before.get(e.getKey())));
        assertTrue(changed.isEmpty(), c.id() + ": tables changed: " + changed.keySet());
        // lines logged after the answer (a closed connection) belong to this case too
        Thread.sleep(answer.closedWithoutAnswer() ? 150 : 0);
        assertLogClean(c.id());
    }

    @AfterAll
    static void removeHandler() {
        if (handler != null) {
            java.util.logging.Logger.getLogger("").removeHandler(handler);
            handler = null;
        }
    }

    private static void assertLogClean(String id) {
        for (LogRecord r : LOGGED) {
            if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                fail(id + ": ERROR logged: " + r.getLoggerName() + " " + r.getMessage()
                        + (r.getThrown() == null ? "" : " " + r.getThrown()));
            }
            if (r.getLevel().intValue() >= Level.WARNING.intValue() && r.getThrown() != null) {
                fail(id + ": WARN with a stack trace: " + r.getLoggerName() + " " + r.getMessage() + " " + r.getThrown());
            }
        }
    }

    private byte[] request(Case c) {
        JsonNode spec = c.spec();
        if (spec.has("raw")) {
            return expand(fill(spec.get("raw").asText())).getBytes(StandardCharsets.ISO_8859_1);
        }
        String method = spec.path("method").asText("GET");
        String path = expand(fill(c.path()));
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        head.append("Host: localhost\r\n");
        List<String> cookies = new ArrayList<>();
        String auth = spec.path("auth").asText("");
        if (auth.equals("admin")) {
            head.append("Authorization: Bearer ").append(placeholders.get("adminToken")).append("\r\n");
        } else if (auth.equals("console")) {
            cookies.add("cl_session=" + placeholders.get("adminToken"));
            cookies.add(placeholders.get("csrfCookie"));
        }
        String body = c.body() == null ? null : expand(fill(c.body()));
        if (spec.has("ct")) {
            head.append("Content-Type: ").append(spec.get("ct").asText()).append("\r\n");
        }
        boolean lengthGiven = false;
        for (JsonNode h : spec.path("headers")) {
            String name = h.get(0).asText();
            String value = expand(fill(h.get(1).asText()));
            if (name.equalsIgnoreCase("Cookie")) {
                cookies.add(value);
                continue;
            }
            lengthGiven |= name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding");
            head.append(name).append(": ").append(value).append("\r\n");
        }
        if (!cookies.isEmpty()) {
            head.append("Cookie: ").append(String.join("; ", cookies)).append("\r\n");
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (!lengthGiven && (body != null || !method.equals("GET"))) {
            head.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    private static String fill(String text) {
        if (text == null) {
            return null;
        }
        String filled = text;
        for (Map.Entry<String, String> e : placeholders.entrySet()) {
            filled = filled.replace("{" + e.getKey() + "}", e.getValue());
        }
        return filled;
    }

    /**
     * {@code {{r:N:TEXT}}} stands for TEXT repeated N times (huge bodies, deep nesting, many headers). Repeats may
     * nest, innermost first: {@code {{r:40:10000\r\n{{r:65536:a}}\r\n}}} is 40 chunks of 65,536 bytes each.
     */
    static String expand(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (int start = out.lastIndexOf("{{r:"); start >= 0; start = out.lastIndexOf("{{r:")) {
            int colon = out.indexOf(':', start + 4);
            int end = colon < 0 ? -1 : out.indexOf("}}", colon + 1);
            if (end < 0) {
                break;
            }
            int times = Integer.parseInt(out.substring(start + 4, colon));
            out = out.substring(0, start) + out.substring(colon + 1, end).repeat(times) + out.substring(end + 2);
        }
        return out;
    }

    /** Once: a visitor with a consent, an admin session with its CSRF token, the log listener, a settled database. */
    private void prepare() throws Exception {
        if (placeholders != null) {
            return;
        }
        Map<String, String> values = new TreeMap<>();
        String visitor = UUID.randomUUID().toString();
        Response created = given().contentType(ContentType.JSON)
                .body("{\"visitorId\":\"" + visitor + "\",\"configVersion\":1,"
                        + "\"decisions\":{\"essential\":true,\"analytics\":true},\"method\":\"accept-all\"}")
                .header("Idempotency-Key", "corpus-" + visitor)
                .post("/api/v1/sites/{site}/consents", SITE);
        assertEquals(201, created.statusCode(), created.asString());
        values.put("visitor", visitor);
        values.put("consentId", created.path("consentId"));
        values.put("idempotencyKey", "corpus-" + visitor);
        String admin = TestTokens.admin();
        values.put("adminToken", admin);
        Response page = given().cookie("cl_session", admin).get("/console/admin/accounts");
        Matcher m = CSRF.matcher(page.asString());
        assertTrue(m.find(), "CSRF token on the accounts page: " + page.statusCode());
        values.put("csrf", m.group(1));
        values.put("csrfCookie", page.getCookies().entrySet().stream()
                .filter(e -> e.getKey().contains("csrf")).map(e -> e.getKey() + "=" + e.getValue())
                .findFirst().orElse("cl_csrf=none"));
        // the sealer seals the visitor's consent (and whatever earlier tests left) in the background: wait for quiet
        Map<String, String> last = checksums();
        for (int i = 0; i < 40; i++) {
            Thread.sleep(250);
            Map<String, String> now = checksums();
            if (now.equals(last) && i >= 3) {
                break;
            }
            last = now;
        }
        handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    LOGGED.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger.getLogger("").addHandler(handler);
        baseline = last;
        placeholders = values;
    }

    private Map<String, String> checksums() throws SQLException {
        return tableChecksums(dataSource);
    }

    /** CHECKSUM TABLE of every table a request could write to (a refused request must change none). */
    static Map<String, String> tableChecksums(AgroalDataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'"
                    // the sealer appends earlier tests' events to the ledger in the background; a consent a bad
                    // request stored would show in consent_event
                    // site_origin_seen: the installation check records refused origins on purpose (batched)
                    + " AND table_name NOT LIKE 'ledger\\_%' AND table_name <> 'site_origin_seen'"
                    + " ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add("`" + rs.getString(1) + "`");
                }
            }
            Map<String, String> sums = new TreeMap<>();
            try (ResultSet rs = s.executeQuery("CHECKSUM TABLE " + String.join(", ", tables))) {
                while (rs.next()) {
                    sums.put(rs.getString(1), rs.getString(2));
                }
            }
            return sums;
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

}
