package org.consentledger.ledger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ledger benchmarks (figures go to docs/PERFORMANCE.md, never asserted as timings). Skipped unless
 * -Dledger.bench=true:
 * <pre>
 * ./mvnw -B test -Dtest=LedgerBenchmarkTest -Dledger.bench=true [-Dledger.bench.leaves=200000] [-Dledger.bench.proofLeaves=2000000] [-Dledger.bench.rate=500]
 * </pre>
 */
@QuarkusTest
class LedgerBenchmarkTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Sealer sealer;
    @Inject
    VerificationService verifier;

    static long prop(String name, long def) {
        return Long.parseLong(System.getProperty(name, Long.toString(def)));
    }

    @Test
    void benchmarks() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("ledger.bench"), "benchmarks run with -Dledger.bench=true");
        sealingLag();
        verification();
        inclusionProofs();
    }

    void sealingLag() throws Exception {
        long rate = prop("ledger.bench.rate", 500);
        int seconds = 10;
        String site = "bench-lag-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = dataSource.getConnection()) {
            long siteId = LedgerTestSupport.createSite(c, site, 365);
            long start = System.nanoTime();
            long n = 0;
            while (System.nanoTime() - start < seconds * 1_000_000_000L) {
                long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
                while (n < due) {
                    LedgerTestSupport.insertEvent(c, siteId, UUID.randomUUID().toString(), "{\"essential\":true,\"analytics\":false}", Instant.now());
                    n++;
                }
                Thread.sleep(2);
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (LedgerTestSupport.count(c, "SELECT COUNT(*) FROM ledger_leaf WHERE site_id = ?", siteId) < n && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long max = LedgerTestSupport.count(c, "SELECT MAX(TIMESTAMPDIFF(MICROSECOND, e.recorded_at, l.sealed_at)) FROM ledger_leaf l "
                    + "JOIN consent_event e ON e.id = l.event_id WHERE l.site_id = ?", siteId);
            long avg = LedgerTestSupport.count(c, "SELECT CAST(AVG(TIMESTAMPDIFF(MICROSECOND, e.recorded_at, l.sealed_at)) AS SIGNED) FROM ledger_leaf l "
                    + "JOIN consent_event e ON e.id = l.event_id WHERE l.site_id = ?", siteId);
            System.out.printf("BENCH sealing lag: %d events at %.0f/s sustained over %d s: mean %.0f ms, max %.0f ms%n",
                    n, n / (double) seconds, seconds, avg / 1000.0, max / 1000.0);
        }
    }

    void verification() throws Exception {
        long leaves = prop("ledger.bench.leaves", 200_000);
        String site = "bench-verify-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = dataSource.getConnection()) {
            long siteId = LedgerTestSupport.createSite(c, site, 365);
            long t0 = System.nanoTime();
            c.setAutoCommit(false);
            for (long i = 0; i < leaves; i++) {
                LedgerTestSupport.insertEvent(c, siteId, UUID.randomUUID().toString(),
                        i % 2 == 0 ? "{\"essential\":true,\"analytics\":true}" : "{\"essential\":true,\"analytics\":false}",
                        Instant.now().minusSeconds(3600));
                if (i % 5000 == 4999) {
                    c.commit();
                }
            }
            c.commit();
            c.setAutoCommit(true);
            long t1 = System.nanoTime();
            sealer.sealAll();
            while (LedgerTestSupport.count(c, "SELECT tree_size FROM ledger_head WHERE site_id = ?", siteId) < leaves) {
                sealer.sealAll();
            }
            long t2 = System.nanoTime();
            VerificationService.Result r = verifier.verify(site, null);
            long t3 = System.nanoTime();
            assertTrue(r.ok(), r.summary());
            System.out.printf("BENCH verification: %d leaves: insert %.1f s, seal %.1f s (%.0f leaves/s), verify %.2f s = %.0f leaves/s%n",
                    leaves, (t1 - t0) / 1e9, (t2 - t1) / 1e9, leaves / ((t2 - t1) / 1e9), (t3 - t2) / 1e9, leaves / ((t3 - t2) / 1e9));
        }
    }

    void inclusionProofs() throws Exception {
        long n = prop("ledger.bench.proofLeaves", 2_000_000);
        long siteId = 900_000_000L + new Random().nextInt(1_000_000);
        try (Connection c = dataSource.getConnection()) {
            long t0 = System.nanoTime();
            Random rnd = new Random(42);
            Map<Tiles.TileId, byte[]> pending = new HashMap<>();
            long size = 0;
            int chunk = 65_536;
            c.setAutoCommit(false);
            Map<Tiles.TileId, byte[]> rightEdge = new HashMap<>();
            while (size < n) {
                int take = (int) Math.min(chunk, n - size);
                List<byte[]> hashes = new ArrayList<>(take);
                for (int i = 0; i < take; i++) {
                    byte[] h = new byte[32];
                    rnd.nextBytes(h);
                    hashes.add(h);
                }
                Map<Tiles.TileId, byte[]> changed = Tiles.append(size, hashes, rightEdge::get);
                try (PreparedStatement up = c.prepareStatement("INSERT INTO ledger_tile (site_id, level, tile_index, hashes) VALUES (?, ?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE hashes = VALUES(hashes)")) {
                    for (Map.Entry<Tiles.TileId, byte[]> t : changed.entrySet()) {
                        up.setLong(1, siteId);
                        up.setInt(2, t.getKey().level());
                        up.setLong(3, t.getKey().index());
                        up.setBytes(4, t.getValue());
                        up.addBatch();
                        if (t.getValue().length < Tiles.WIDTH * 32) {
                            rightEdge.put(t.getKey(), t.getValue());
                        } else {
                            rightEdge.remove(t.getKey());
                        }
                    }
                    up.executeBatch();
                }
                c.commit();
                size += take;
            }
            c.setAutoCommit(true);
            long t1 = System.nanoTime();
            Merkle.NodeReader reader = LedgerStore.reader(c, siteId);
            byte[] root = Merkle.root(n, reader);
            int samples = 2000;
            long[] ns = new long[samples];
            for (int i = 0; i < samples; i++) {
                long m = (long) (rnd.nextDouble() * n);
                long s = System.nanoTime();
                List<byte[]> proof = Merkle.resolve(Merkle.inclusionRanges(m, n), reader);
                ns[i] = System.nanoTime() - s;
                if (i % 100 == 0) { // spot-check correctness against the root
                    byte[] leafHash = LedgerStore.tiles(c, siteId, List.of(new Tiles.TileId(0, m >> 8))).get(new Tiles.TileId(0, m >> 8));
                    Merkle.verifyInclusion(m, n, Arrays.copyOfRange(leafHash, (int) (m & 255) * 32, (int) (m & 255) * 32 + 32), proof, root);
                }
            }
            Arrays.sort(ns);
            System.out.printf("BENCH inclusion proofs: tree of %d leaves (tiles written in %.1f s): %d random proofs from MariaDB: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    n, (t1 - t0) / 1e9, samples, ns[samples / 2] / 1e6, ns[samples * 99 / 100] / 1e6, ns[samples - 1] / 1e6);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM ledger_tile WHERE site_id = ?")) {
                del.setLong(1, siteId);
                del.executeUpdate();
            }
        }
        MessageDigest.getInstance("SHA-256");
    }
}
