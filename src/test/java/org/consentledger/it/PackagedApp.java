package org.consentledger.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts the packaged application ({@code target/quarkus-app/quarkus-run.jar}) as a real process. */
public final class PackagedApp implements AutoCloseable {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final int managementPort;
    private final File log;

    private PackagedApp(Process process, int port, int managementPort, File log) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /** Starts the jar with {@code env} added to the environment and waits until it is ready. */
    public static PackagedApp start(String name, Map<String, String> env) throws Exception {
        int port = freePort();
        File log = Path.of("target", "it-" + name + ".log").toFile();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-jar", JAR.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        Map<String, String> environment = builder.environment();
        environment.remove("QUARKUS_DATASOURCE_JDBC_URL");
        Map<String, String> all = new HashMap<>(env);
        all.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        int managementPort = freePort();
        all.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        environment.putAll(all);
        PackagedApp app = new PackagedApp(builder.start(), port, managementPort, log);
        app.awaitReady(Duration.ofMinutes(4));
        return app;
    }

    /** The application's process (its pid, its children such as the embedded mariadbd, signals). */
    public Process process() {
        return process;
    }

    public String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    public int port() {
        return port;
    }

    /** The file the application's output goes to. */
    public Path logFile() {
        return log.toPath();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET on the management port (health, metrics, OpenAPI under /q; #14). */
    public HttpResponse<String> management(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postJson(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitReady(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The application exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (management("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("The application was not ready within " + timeout + "; see " + log);
    }

    /** Stops the application gracefully (SIGTERM) and waits for it to exit. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
