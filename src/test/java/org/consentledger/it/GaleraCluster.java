package org.consentledger.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A 3-node MariaDB Galera cluster on this machine, driven through {@code src/test/galera/cluster.sh} (Debian's
 * mariadb-server and galera-4; separate datadirs and ports under target/galera).
 */
public final class GaleraCluster implements AutoCloseable {

    static final Path SCRIPT = Path.of("src/test/galera/cluster.sh");
    static final Path PROVIDER = Path.of("/usr/lib/galera/libgalera_smm.so");
    public static final String USER = "consent";
    public static final String PASSWORD = "consent";

    private final Path dir;
    private final int basePort;

    private GaleraCluster(Path dir, int basePort) {
        this.dir = dir;
        this.basePort = basePort;
    }

    /** Whether this machine has what the cluster needs (mariadbd, the Galera library, rsync). */
    public static boolean available() {
        return Files.exists(PROVIDER) && (Files.exists(Path.of("/usr/sbin/mariadbd")) || onPath("mariadbd"))
                && onPath("rsync");
    }

    private static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }

    /** Starts a fresh cluster (node 1 bootstraps, 2 and 3 join by state transfer). */
    public static GaleraCluster start() throws Exception {
        GaleraCluster cluster = new GaleraCluster(Path.of("target", "galera").toAbsolutePath(), freeBasePort());
        cluster.run("down");
        cluster.run("start");
        return cluster;
    }

    /** A base port p with p..p+2, +100.., +200.., +300.. free (SQL, group communication, IST, SST). */
    static int freeBasePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 20_000 + (int) (Math.random() * 20_000);
            boolean free = true;
            for (int offset : new int[]{0, 100, 200, 300}) {
                for (int n = 0; n < 3 && free; n++) {
                    free = isFree(base + offset + n);
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IOException("no free port range for the Galera cluster");
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int sqlPort(int node) {
        return basePort + node - 1;
    }

    /** JDBC URL of one node. */
    public String url(int node) {
        return "jdbc:mariadb://127.0.0.1:" + sqlPort(node) + "/consentledger";
    }

    /**
     * The multi-host URL an instance uses (docs/DEPLOY.md): {@code sequential} with its preferred node first, then
     * the others, so instances spread over the nodes and fail over in a fixed order.
     */
    public String sequentialUrl(int... nodes) {
        List<String> hosts = new ArrayList<>();
        for (int n : nodes) {
            hosts.add("127.0.0.1:" + sqlPort(n));
        }
        return "jdbc:mariadb:sequential://" + String.join(",", hosts) + "/consentledger";
    }

    public Connection connect(int node) throws SQLException {
        return DriverManager.getConnection(url(node), USER, PASSWORD);
    }

    /** SIGKILL of node N: a crash. */
    public void kill(int node) throws Exception {
        run("kill", Integer.toString(node));
    }

    /** Restarts a killed node from its recovered position and waits until it is Synced. */
    public void rejoin(int node) throws Exception {
        run("rejoin", Integer.toString(node));
    }

    /** Cuts node N off the group (it is then out of quorum) or lets it rejoin (waits until Synced). */
    public void isolate(int node, boolean isolated) throws Exception {
        run("isolate", Integer.toString(node), isolated ? "on" : "off");
    }

    public String status() throws Exception {
        return run("status");
    }

    private String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("GALERA_DIR", dir.toString(), "GALERA_PORT", Integer.toString(basePort),
                "GALERA_USER", USER, "GALERA_PASSWORD", PASSWORD));
        Process p = builder.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " hung");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " failed:\n" + text);
        }
        return text;
    }

    @Override
    public void close() throws Exception {
        run("down");
    }
}
