package org.consentledger.it;

import org.consentledger.platform.EmbeddedDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service started before its database answers (a pod scheduled before the database, a database restarting) waits
 * for it and comes up on its own, instead of exiting: the packaged app is pointed at a port where nothing listens
 * yet; once its log says it is retrying, the database appears on that port (a plain TCP forwarder to a real MariaDB).
 */
class DatabaseLateAtStartIT {

    @Test
    void aServiceStartedBeforeItsDatabaseComesUpWhenTheDatabaseDoes() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-late-db-");
        EmbeddedDatabase.Access db = EmbeddedDatabase.start(dir.resolve("db"), PackagedApp.freePort(), "consentledger");
        String schema = "consentledger_late_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            c.createStatement().execute("CREATE DATABASE " + schema);
        }
        URI target = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        int latePort = PackagedApp.freePort();

        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:mariadb://127.0.0.1:" + latePort + "/" + schema);
        env.put("QUARKUS_DATASOURCE_USERNAME", db.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        env.put("CONSENT_DEMO_ENABLED", "true");
        env.put("CONSENT_AUTH_KEY_DIR", dir.resolve("keys").toString());
        env.put("CONSENT_LEDGER_SIGNING_KEY_FILE", dir.resolve("ledger.key").toString());
        String name = "late-db-" + schema;
        Path log = Path.of("target", "it-" + name + ".log");

        // the database "starts" only once the service has tried, failed and said that it retries
        CompletableFuture<Forwarder> database = CompletableFuture.supplyAsync(() -> {
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!(Files.exists(log) && Files.readString(log).contains("Retrying in"))) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the service never said it retries; see " + log);
                    }
                    Thread.sleep(200);
                }
                Thread.sleep(3000);
                return Forwarder.open(latePort, target.getHost(), target.getPort());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (PackagedApp app = PackagedApp.start(name, env)) {
            Forwarder forwarder = database.join();
            try (forwarder) {
                String output = Files.readString(log);
                assertTrue(output.contains("Connection refused"), "the log names why it waits: " + output);
                HttpResponse<String> banner = app.get("/api/v1/sites/kommunikationstrainer/banner?lang=de");
                assertEquals(200, banner.statusCode(), banner.body());
                HttpResponse<String> consent = app.postJson("/api/v1/sites/kommunikationstrainer/consents",
                        "{\"visitorId\":\"" + UUID.randomUUID() + "\",\"configVersion\":1,\"decisions\":{\"essential\":true,"
                                + "\"analytics\":false},\"method\":\"reject-all\",\"language\":\"de\"}");
                assertEquals(201, consent.statusCode(), consent.body());
            }
        } finally {
            database.cancel(true);
        }
    }

    /** A TCP forwarder: nothing listens on its port until it is opened, like a database that has not started yet. */
    static final class Forwarder implements AutoCloseable {
        private final ServerSocket server;

        private Forwarder(ServerSocket server) {
            this.server = server;
        }

        static Forwarder open(int port, String host, int targetPort) throws IOException {
            ServerSocket server = new ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket upstream = new Socket(host, targetPort);
                        pipe(client, upstream);
                        pipe(upstream, client);
                    } catch (IOException e) {
                        // closed
                    }
                }
            }, "late-db-forwarder");
            acceptor.setDaemon(true);
            acceptor.start();
            return new Forwarder(server);
        }

        private static void pipe(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // one side closed
                } finally {
                    try {
                        to.shutdownOutput();
                    } catch (IOException e) {
                        // already closed
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
