package org.consentledger.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's nginx (package nginx-light, installed by .ci/run) as a real reverse proxy, run by the test itself. */
final class Nginx implements AutoCloseable {

    private final Process process;
    private final Path dir;

    private Nginx(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    static String binary() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("nginx is not installed: apt-get install nginx-light (what .ci/run does)");
    }

    /** Starts nginx with the given {@code server { ... }} blocks and waits until every listed port accepts. */
    static Nginx start(String servers, int... ports) throws Exception {
        Path dir = Files.createTempDirectory("consent-ledger-nginx-");
        String root = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        String conf = root + "worker_processes 1;\ndaemon off;\npid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("error.log") + " warn;\n"
                + "events { worker_connections 256; }\n"
                + "http {\n  access_log off;\n"
                + "  client_body_temp_path " + dir.resolve("body") + ";\n"
                + "  proxy_temp_path " + dir.resolve("proxy") + ";\n"
                + "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";\n"
                + "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
                + "  scgi_temp_path " + dir.resolve("scgi") + ";\n"
                + servers + "}\n";
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf);
        Process process = new ProcessBuilder(binary(), "-p", dir.toString(), "-c", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        Nginx nginx = new Nginx(process, dir);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        for (int port : ports) {
            while (!accepts(port)) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    String log = Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : "";
                    nginx.close();
                    throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("stdout.log")) + log);
                }
                Thread.sleep(100);
            }
        }
        return nginx;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    Path dir() {
        return dir;
    }
}
