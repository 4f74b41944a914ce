package org.consentledger.platform.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.consentledger.operator.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The body limit a client sees (README "Errors": 16 KB on the visitor API, 1 MiB on the operator API) is answered as
 * a problem+json 413 over real HTTP, however the body comes: announced a little or far over the limit, chunked, or
 * chunked and sent slowly. The client writes its body the way HTTP clients do (all of it, reading the answer
 * meanwhile) and must read the 413 before the connection ends, not a reset; nothing is stored.
 */
@QuarkusTest
class BodyLimitHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIB = 1024 * 1024;

    @TestHTTPResource("/")
    URL base;

    @Inject
    AgroalDataSource dataSource;

    /** How a body is sent: its size, announced (Content-Length) or chunked, and whether slowly. */
    record Shape(String name, long bytes, boolean chunked, boolean slow, boolean close) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Target(String name, String path, boolean operator, long limit) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> cases() {
        List<Shape> shapes = List.of(
                new Shape("17 KB announced", 17 * 1024, false, false, false),
                new Shape("5 MiB announced", 5L * MIB, false, false, false),
                new Shape("5 MiB chunked", 5L * MIB, true, false, false),
                new Shape("5 MiB chunked, Connection: close", 5L * MIB, true, false, true),
                new Shape("50 MiB chunked, sent slowly", 50L * MIB, true, true, false));
        List<Target> targets = List.of(
                new Target("visitor consent", "/api/v1/sites/kibox/consents", false, 16 * 1024),
                new Target("operator site config", "/api/v1/admin/sites/kibox/configs", true, MIB));
        List<org.junit.jupiter.params.provider.Arguments> all = new ArrayList<>();
        for (Target t : targets) {
            for (Shape s : shapes) {
                all.add(org.junit.jupiter.params.provider.Arguments.of(t, s));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void answersAProblem413AndStoresNothing(Target target, Shape shape) throws Exception {
        Map<String, String> before = BadInputCorpusTest.tableChecksums(dataSource);
        Exchange exchange = send(target, shape);
        if (shape.bytes() <= target.limit()) {
            // under the operator API's 1 MiB: an ordinary bad body (no valid JSON), not a 413
            assertEquals(400, exchange.status, exchange.toString());
        } else {
            assertEquals(413, exchange.status, exchange.toString());
            assertTrue(exchange.contentType.startsWith("application/problem+json"), exchange.toString());
            JsonNode problem = JSON.readTree(exchange.body);
            assertEquals(413, problem.path("status").asInt(), exchange.toString());
            assertEquals("https://consentledger.org/problems/payload-too-large", problem.path("type").asText());
            assertTrue(problem.path("detail").asText().contains(Long.toString(target.limit())), exchange.toString());
            assertEquals("close", exchange.connection, "the connection ends after the 413: " + exchange);
        }
        if (shape.slow()) {
            // the answer came while the client was still sending: the writer waits for it after 2 MiB
            assertTrue(exchange.answeredMidBody, "answered only after the whole body: " + exchange);
        }
        Map<String, String> after = BadInputCorpusTest.tableChecksums(dataSource);
        Map<String, String> changed = new TreeMap<>(after);
        changed.entrySet().removeIf(e -> e.getValue().equals(before.get(e.getKey())));
        assertTrue(changed.isEmpty(), "tables changed: " + changed.keySet());
    }

    /** What the client saw. */
    static final class Exchange {
        volatile int status = -1;
        volatile String contentType = "";
        volatile String connection = "";
        volatile String body = "";
        volatile long sentBeforeAnswer = -1;
        volatile long sent;
        volatile boolean answeredMidBody;
        volatile String readEnd = "";
        volatile String writeEnd = "";

        @Override
        public String toString() {
            return status + " " + contentType + " connection=" + connection + " sentBeforeAnswer=" + sentBeforeAnswer
                    + " sent=" + sent + " read: " + readEnd + " write: " + writeEnd + " " + body;
        }
    }

    private Exchange send(Target target, Shape shape) throws Exception {
        StringBuilder head = new StringBuilder("POST ").append(target.path()).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\nContent-Type: application/json\r\n");
        if (target.operator()) {
            head.append("Authorization: Bearer ").append(TestTokens.admin()).append("\r\n");
        }
        head.append(shape.chunked() ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + shape.bytes() + "\r\n");
        head.append(shape.close() ? "Connection: close\r\n\r\n" : "\r\n");
        Exchange exchange = new Exchange();
        CountDownLatch answered = new CountDownLatch(1);
        AtomicLong sent = new AtomicLong();
        try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                    byte[] piece = new byte[64 * 1024];
                    java.util.Arrays.fill(piece, (byte) 'a');
                    long left = shape.bytes();
                    while (left > 0) {
                        int n = (int) Math.min(piece.length, left);
                        if (shape.chunked()) {
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                            out.write(piece, 0, n);
                            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        } else {
                            out.write(piece, 0, n);
                        }
                        left -= n;
                        sent.addAndGet(n);
                        if (shape.slow()) {
                            out.flush();
                            if (sent.get() == 2L * MIB) {
                                // over both limits: the answer must come now, before the rest of the body
                                answered.await(60, TimeUnit.SECONDS);
                            }
                            Thread.sleep(2);
                        }
                    }
                    if (shape.chunked()) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.flush();
                    exchange.writeEnd = "complete";
                } catch (IOException e) {
                    exchange.writeEnd = e.toString();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "body-limit-writer");
            writer.setDaemon(true);
            writer.start();
            read(socket.getInputStream(), exchange, sent, answered);
            writer.join(120_000);
            exchange.sent = sent.get();
        }
        return exchange;
    }

    private static void read(InputStream in, Exchange exchange, AtomicLong sent, CountDownLatch answered) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        while (true) {
            int n;
            try {
                n = in.read(chunk);
            } catch (SocketTimeoutException e) {
                exchange.readEnd = "timeout";
                return;
            } catch (SocketException e) {
                exchange.readEnd = e.toString();
                return;
            } catch (IOException e) {
                exchange.readEnd = e.toString();
                return;
            }
            if (n < 0) {
                exchange.readEnd = "eof";
                return;
            }
            buffer.write(chunk, 0, n);
            String text = buffer.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                continue;
            }
            Map<String, String> headers = new TreeMap<>();
            String[] lines = text.substring(0, end).split("\r\n");
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] all = buffer.toByteArray();
            if (all.length - (end + 4) < length) {
                continue;
            }
            exchange.status = Integer.parseInt(lines[0].split(" ")[1]);
            exchange.contentType = headers.getOrDefault("content-type", "");
            exchange.connection = headers.getOrDefault("connection", "");
            exchange.body = new String(all, end + 4, length, StandardCharsets.UTF_8);
            exchange.sentBeforeAnswer = sent.get();
            exchange.answeredMidBody = exchange.writeEnd.isEmpty();
            answered.countDown();
            exchange.readEnd = "answer";
            return;
        }
    }
}
