package org.consentledger.it;

import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #14 item 12 with the packaged app and its embedded MariaDB: a hung database (mariadbd paused with SIGSTOP)
 * gives visitors a 503 and the readiness probe DOWN instead of holding both for the 20 s socket timeout, and a retry
 * with the same Idempotency-Key stores the consent exactly once; a SIGTERM under load loses no acknowledged consent,
 * resets no connection whose request was stored and stores nothing it answered "not processed", also for requests
 * that arrive after the signal on idle keep-alive connections.
 */
class ShutdownAndOutageIT {

    private static final String SITE = "kibox";
    private static final String ADMIN_PASSWORD = "outage-admin-password-1";
    /** Longer than the visitor deadline and the probe bound, shorter than the 20 s socket timeout they replace. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(12);
    /** Idle connections that each send a consent after the signal, one every LATE_SPACING_MILLIS (over ~0.5 s). */
    private static final int LATE_SENDERS = 100;
    private static final long LATE_SPACING_MILLIS = 5;
    /** The 503 of a request that arrived after shutdown had begun: nothing was done with it. */
    private static final String NOT_PROCESSED = "this request was not processed and nothing was stored";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    static Map<String, String> env(Path dataDir) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("CONSENT_EMBEDDED_DB_DATA_DIR", dataDir.toString());
        env.put("CONSENT_EMBEDDED_DB_PORT", Integer.toString(PackagedApp.freePort()));
        env.put("CONSENT_RATE_LIMIT_CONSENT_ENABLED", "false");
        env.put("CONSENT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return env;
    }

    static String consent(String visitor) {
        return "{\"visitorId\":\"" + visitor + "\",\"configVersion\":1,\"decisions\":{\"essential\":true,"
                + "\"analytics\":false},\"method\":\"reject-all\",\"language\":\"de\"}";
    }

    static HttpResponse<String> post(PackagedApp app, String visitor, String key) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(app.url("/api/v1/sites/" + SITE + "/consents")))
                .timeout(CLIENT_TIMEOUT).header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(consent(visitor))).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> history(PackagedApp app, String visitor) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(app.url("/api/v1/sites/" + SITE + "/visitors/" + visitor + "/consent")))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static long mariadbd(PackagedApp app) {
        return app.process().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd")).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no embedded mariadbd under the app")).pid();
    }

    static void signal(String signal, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor());
    }

    @Test
    void aHungDatabaseGives503AndReadinessDownAndARetryStoresOnce() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-hung-db-").resolve("db");
        try (PackagedApp app = PackagedApp.start("hung-db", env(dataDir))) {
            assertEquals(201, post(app, UUID.randomUUID().toString(), UUID.randomUUID().toString()).statusCode());
            HttpResponse<String> login = app.postJson("/api/v1/auth/token",
                    "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
            assertEquals(200, login.statusCode(), login.body());
            String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(login.body()).get("access_token").asText();
            // several idle pooled connections: the requests below then wait on a connection to the paused server
            // (no connect timeout ends that, only the 20 s socket timeout) instead of failing to open a new one
            java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> warm = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                warm.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(app.url("/api/v1/admin/sites")))
                        .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).GET().build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (var response : warm) {
                assertEquals(200, response.join().statusCode());
            }
            long db = mariadbd(app);
            String visitor = UUID.randomUUID().toString();
            String key = UUID.randomUUID().toString();
            signal("STOP", db);
            try {
                // answered while the database hangs (the client gives up after 12 s; the socket timeout is 20 s)
                HttpResponse<String> hung = post(app, visitor, key);
                assertEquals(503, hung.statusCode(), hung.body());
                assertEquals("application/problem+json", hung.headers().firstValue("Content-Type").orElse(""));
                assertTrue(hung.headers().firstValue("Retry-After").isPresent());
                assertTrue(hung.body().contains("retry with the same Idempotency-Key"), hung.body());

                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(app.managementUrl("/q/health/ready")))
                        .timeout(CLIENT_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(503, ready.statusCode(), ready.body());
                assertTrue(ready.body().contains("\"DOWN\""), ready.body());

                // operators too: the API answers a problem, the console an error page, well before the socket timeout
                HttpResponse<String> sites = HTTP.send(HttpRequest.newBuilder(URI.create(app.url("/api/v1/admin/sites")))
                        .timeout(CLIENT_TIMEOUT).header("Authorization", "Bearer " + token).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(503, sites.statusCode(), sites.body());
                assertEquals("application/problem+json", sites.headers().firstValue("Content-Type").orElse(""));
                HttpResponse<String> console = HTTP.send(HttpRequest.newBuilder(URI.create(app.url("/console")))
                        .timeout(CLIENT_TIMEOUT).header("Cookie", "cl_session=" + token + "; cl_lang=de").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(503, console.statusCode(), console.body());
                assertTrue(console.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), console.body());
                assertTrue(console.body().contains("<html lang=\"de\""), console.body());
                // the console's own error page, not a bare one: styled, in German, with who is signed in
                assertTrue(console.body().contains("href=\"/console/assets/console.css\""), console.body());
                assertTrue(console.body().contains("<h1 id=\"error-title\">Vorübergehend nicht erreichbar</h1>"),
                        console.body());
                assertTrue(console.body().contains("<span class=\"user\">admin</span>"), console.body());
            } finally {
                signal("CONT", db);
            }

            // the database is back: the retry with the same key is stored (or replayed), and only once
            int status = 0;
            for (int i = 0; i < 60 && status != 201 && status != 200; i++) {
                status = post(app, visitor, key).statusCode();
                if (status != 201 && status != 200) {
                    Thread.sleep(1000);
                }
            }
            assertTrue(status == 201 || status == 200, "retry answered " + status);
            HttpResponse<String> stored = history(app, visitor);
            assertEquals(200, stored.statusCode(), stored.body());
            assertEquals(1, new com.fasterxml.jackson.databind.ObjectMapper().readTree(stored.body()).get("history").size(),
                    "stored exactly once: " + stored.body());
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(app.managementUrl("/q/health/ready")))
                    .timeout(CLIENT_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void sigtermUnderLoadAnswersWhatItAcceptedAndLosesNoAcknowledgedConsent() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-sigterm-").resolve("db");
        Map<String, String> env = env(dataDir);
        Outcomes outcomes = new Outcomes();
        Set<String> acknowledged = outcomes.acknowledged;
        Set<String> reset = outcomes.reset;
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger lateSent = new AtomicInteger();
        try (PackagedApp app = PackagedApp.start("sigterm-1", env)) {
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                running.add(clients.submit(() -> {
                    while (!stop.get()) {
                        String visitor = UUID.randomUUID().toString();
                        try {
                            HttpResponse<String> r = post(app, visitor, UUID.randomUUID().toString());
                            outcomes.answered(visitor, r.statusCode(), r.body());
                        } catch (ConnectException e) {
                            refused.incrementAndGet(); // nothing was sent: safe to retry elsewhere
                            pause();
                        } catch (IOException e) {
                            reset.add(visitor); // sent, but no answer: must not have been stored
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }));
            }
            // under load from elsewhere the first answers can take a while: signal once the load is really flowing
            for (int i = 0; i < 600 && acknowledged.size() < 50; i++) {
                Thread.sleep(100);
            }
            Thread.sleep(1000);
            // idle keep-alive connections, each of which sends one consent at its own moment after the signal: while
            // Quarkus waits for running requests, after that wait, and after the server closed its connections
            List<IdleConnection> idle = new ArrayList<>();
            for (int i = 0; i < LATE_SENDERS; i++) {
                idle.add(IdleConnection.open(app.port()));
            }
            int beforeSignal = acknowledged.size();
            app.process().destroy(); // SIGTERM
            List<Thread> late = new ArrayList<>();
            for (int i = 0; i < idle.size(); i++) {
                IdleConnection connection = idle.get(i);
                long sendAfter = i * LATE_SPACING_MILLIS;
                Thread sender = new Thread(() -> {
                    pause(sendAfter);
                    String visitor = UUID.randomUUID().toString();
                    try {
                        Answer answer = connection.postConsent(visitor);
                        outcomes.answered(visitor, answer.status(), answer.body());
                    } catch (IOException e) {
                        reset.add(visitor);
                    }
                    lateSent.incrementAndGet();
                }, "late-sender-" + i);
                sender.start();
                late.add(sender);
            }
            assertTrue(app.process().waitFor(90, TimeUnit.SECONDS), "the app exits after SIGTERM");
            Thread.sleep(500);
            stop.set(true);
            for (Thread sender : late) {
                sender.join(60_000);
            }
            for (var f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();
            assertTrue(beforeSignal > 0, "load was running before the signal");
        }
        try (PackagedApp app = PackagedApp.start("sigterm-2", env)) {
            List<String> lost = new ArrayList<>();
            for (String visitor : acknowledged) {
                if (history(app, visitor).statusCode() != 200) {
                    lost.add(visitor);
                }
            }
            List<String> storedButReset = new ArrayList<>();
            for (String visitor : reset) {
                if (history(app, visitor).statusCode() == 200) {
                    storedButReset.add(visitor);
                }
            }
            String summary = acknowledged.size() + " acknowledged, " + outcomes.unavailable + " × 503 ("
                    + outcomes.notProcessed.size() + " of them 'not processed'), " + refused
                    + " refused connections, " + reset.size() + " without answer, " + outcomes.other + " other; "
                    + lateSent + " sent late on idle connections";
            System.out.println("SIGTERM under load: " + summary);
            assertEquals(List.of(), lost, "acknowledged consents lost; " + summary);
            assertEquals(List.of(), storedButReset, "stored, but the client's connection was reset; " + summary);
            List<String> storedButNotProcessed = new ArrayList<>();
            for (String visitor : outcomes.notProcessed) {
                if (history(app, visitor).statusCode() == 200) {
                    storedButNotProcessed.add(visitor);
                }
            }
            assertEquals(List.of(), storedButNotProcessed, "stored, but answered 503 'not processed'; " + summary);
            assertEquals(0, outcomes.other.get(), summary);
            assertEquals(LATE_SENDERS, lateSent.get(), summary);
        }
    }

    record Answer(int status, String body) {
    }

    /** What the clients got, by visitor: checked against what is stored after the restart. */
    static final class Outcomes {
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final Set<String> reset = ConcurrentHashMap.newKeySet();
        final Set<String> notProcessed = ConcurrentHashMap.newKeySet();
        final AtomicInteger unavailable = new AtomicInteger();
        final AtomicInteger other = new AtomicInteger();

        void answered(String visitor, int status, String body) {
            if (status == 201) {
                acknowledged.add(visitor);
            } else if (status == 503) {
                unavailable.incrementAndGet();
                if (body.contains(NOT_PROCESSED)) {
                    notProcessed.add(visitor);
                }
            } else {
                other.incrementAndGet();
            }
        }
    }

    /** A keep-alive connection that answered one request and then waits idle, as a browser's or a proxy's would. */
    record IdleConnection(Socket socket, BufferedInputStream in) {

        static IdleConnection open(int port) throws IOException {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout((int) CLIENT_TIMEOUT.toMillis());
            IdleConnection connection = new IdleConnection(socket, new BufferedInputStream(socket.getInputStream()));
            connection.send("GET /api/v1/sites/" + SITE + "/banner HTTP/1.1\r\nHost: localhost\r\n\r\n");
            Answer answer = connection.read();
            if (answer.status() != 200) {
                throw new AssertionError("the banner answered " + answer);
            }
            return connection;
        }

        /** Sends one consent and reads the status of its answer; an IOException if none came (a reset or EOF). */
        Answer postConsent(String visitor) throws IOException {
            try (socket) {
                byte[] body = consent(visitor).getBytes(StandardCharsets.UTF_8);
                send("POST /api/v1/sites/" + SITE + "/consents HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nIdempotency-Key: " + UUID.randomUUID() + "\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n" + consent(visitor));
                return read();
            }
        }

        private void send(String request) throws IOException {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        }

        /** Reads one whole answer (headers and a Content-Length or chunked body). */
        private Answer read() throws IOException {
            String statusLine = line();
            if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
                throw new EOFException("no answer: " + statusLine);
            }
            int length = 0;
            boolean chunked = false;
            for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring("content-length:".length()).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            if (chunked) {
                for (int chunk = chunkSize(); chunk > 0; chunk = chunkSize()) {
                    body.write(body(chunk));
                    body(2); // the chunk's CRLF
                }
                line(); // the CRLF after the last chunk
            } else {
                body.write(body(length));
            }
            return new Answer(Integer.parseInt(statusLine.substring(9, 12)), body.toString(StandardCharsets.UTF_8));
        }

        private int chunkSize() throws IOException {
            String size = line();
            if (size == null) {
                throw new EOFException("answer cut short");
            }
            return Integer.parseInt(size.split(";")[0].trim(), 16);
        }

        private byte[] body(int length) throws IOException {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length != length) {
                throw new EOFException("answer cut short");
            }
            return bytes;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1; c = in.read()) {
                if (c == '\n') {
                    return line.toString().stripTrailing();
                }
                line.append((char) c);
            }
            return line.isEmpty() ? null : line.toString();
        }
    }

    private static void pause() {
        pause(50);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
