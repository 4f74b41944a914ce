package org.consentledger.ledger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
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
 * With {@code -Dledger.bench.site=<siteKey> [-Dledger.bench.events=10000000]} it runs the sealing-lag benchmark and then
 * {@link #bigLog} on that site instead (docs/PERFORMANCE.md "Ledger" has the full command).
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

    @Inject
    LedgerService ledger;
    @Inject
    LedgerKeys keys;
    @Inject
    KeysetVerificationBaseline legacyVerifier;

    @Test
    void benchmarks() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("ledger.bench"), "benchmarks run with -Dledger.bench=true");
        String bigSite = System.getProperty("ledger.bench.site");
        if (bigSite != null) {
            bigLog(bigSite, prop("ledger.bench.events", 10_000_000));
            sealingLag(); // after the backlog is sealed: the scheduled sealer would otherwise stay on the big site
            return;
        }
        sealingLag();
        verification();
        inclusionProofs();
    }

    /**
     * One site with {@code events} consent events, generated server-side (INSERT ... SELECT from MariaDB's
     * SEQUENCE engine; personal commitments computed by SQL exactly as {@link PersonalCommitment} does, which the
     * verification checks), sealed by the real {@link Sealer}, then verified, then inclusion proofs and receipts
     * for random leaves. Existing events and leaves of the site are reused.
     */
    void bigLog(String siteKey, long events) throws Exception {
        long siteId;
        try (Connection c = dataSource.getConnection()) {
            long existingSite = LedgerTestSupport.count(c, "SELECT COALESCE(MAX(id), 0) FROM site WHERE site_key = ?", siteKey);
            siteId = existingSite > 0 ? existingSite : LedgerTestSupport.createSite(c, siteKey, 0);
            long existing = LedgerTestSupport.count(c, "SELECT COUNT(*) FROM consent_event WHERE site_id = ?", siteId);
            if (existing < events) {
                long t0 = System.nanoTime();
                generate(c, siteId, existing + 1, events);
                System.out.printf("BENCH generated %d events in %.0f s%n", events - existing, (System.nanoTime() - t0) / 1e9);
            }
            long size = LedgerTestSupport.count(c, "SELECT COALESCE(MAX(tree_size), 0) FROM ledger_head WHERE site_id = ?", siteId);
            if (size < events) {
                long t0 = System.nanoTime();
                long last = t0;
                LedgerStore.Site site = new LedgerStore.Site(siteId, siteKey, 0);
                while (size < events) {
                    sealer.sealSite(site);
                    size = LedgerTestSupport.count(c, "SELECT tree_size FROM ledger_head WHERE site_id = ?", siteId);
                    if (System.nanoTime() - last > 30_000_000_000L) {
                        last = System.nanoTime();
                        System.out.printf("sealed %d / %d (%.0f s)%n", size, events, (last - t0) / 1e9);
                    }
                }
                // the scheduled sealer may have started on the backlog before this loop: time it by the leaves' sealed_at
                double seconds = LedgerTestSupport.count(c, "SELECT TIMESTAMPDIFF(MICROSECOND, MIN(sealed_at), MAX(sealed_at)) "
                        + "FROM ledger_leaf WHERE site_id = ?", siteId) / 1e6;
                long checkpoints = LedgerTestSupport.count(c, "SELECT COUNT(*) FROM ledger_checkpoint WHERE site_id = ?", siteId);
                System.out.printf("BENCH sealed a backlog of %d events in %.0f s (%.0f leaves/s, %d signed checkpoints)%n",
                        events, seconds, events / seconds, checkpoints);
            }
        }
        addCheckpoints(siteKey, siteId, prop("ledger.bench.checkpoints", 0));
        long[] lastPrint = {0};
        String load = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        long diskReads = bufferPoolReads();
        long t0 = System.nanoTime();
        VerificationService.Result r = verifier.verify(siteKey, (done, total) -> {
            if (System.nanoTime() - lastPrint[0] > 5_000_000_000L) {
                lastPrint[0] = System.nanoTime();
                System.out.printf("verify %d / %d leaves%n", done, total);
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(r.ok(), r.summary());
        System.out.printf("BENCH verification of %d leaves: %.1f s = %.0f leaves/s (%s); InnoDB pages read from disk %d; "
                + "load average before %s, after %s%n", r.treeSize(), seconds, r.treeSize() / seconds, r.summary(),
                bufferPoolReads() - diskReads, load, java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());

        if (Boolean.getBoolean("ledger.bench.legacy")) {
            t0 = System.nanoTime();
            KeysetVerificationBaseline.Result old = legacyVerifier.verify(siteKey, null);
            double oldSeconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(old.ok(), old.summary());
            System.out.printf("BENCH previous verification (keyset batches) of the same %d leaves: %.1f s = %.0f leaves/s; "
                    + "new/previous throughput ratio %.1f%n", old.treeSize(), oldSeconds, old.treeSize() / oldSeconds, oldSeconds / seconds);
        }
        if (Boolean.parseBoolean(System.getProperty("ledger.bench.jdbc", "true"))) {
            jdbcOnly(siteId, r.treeSize());
        }

        long n = r.treeSize();
        Random rnd = new Random(7);
        int samples = Integer.getInteger("ledger.bench.samples", 2000);
        long[] proofNs = new long[samples];
        long[] receiptNs = new long[samples];
        try (Connection c = dataSource.getConnection()) {
            Merkle.NodeReader reader = LedgerStore.reader(c, siteId);
            byte[] root = Merkle.root(n, reader);
            for (int i = 0; i < samples; i++) {
                long m = (long) (rnd.nextDouble() * n);
                long s = System.nanoTime();
                List<byte[]> proof = Merkle.resolve(Merkle.inclusionRanges(m, n), reader);
                proofNs[i] = System.nanoTime() - s;
                byte[] tile = LedgerStore.tiles(c, siteId, List.of(new Tiles.TileId(0, m >> 8))).get(new Tiles.TileId(0, m >> 8));
                Merkle.verifyInclusion(m, n, Arrays.copyOfRange(tile, (int) (m & 255) * 32, (int) (m & 255) * 32 + 32), proof, root);
            }
            for (int i = 0; i < samples; i++) {
                long m = (long) (rnd.nextDouble() * n);
                String consentId;
                try (PreparedStatement ps = c.prepareStatement("SELECT e.consent_id FROM ledger_leaf l JOIN consent_event e ON e.id = l.event_id "
                        + "WHERE l.site_id = ? AND l.leaf_index = ?")) {
                    ps.setLong(1, siteId);
                    ps.setLong(2, m);
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        consentId = rs.getString(1);
                    }
                }
                long s = System.nanoTime();
                LedgerService.Receipt receipt = ledger.receipt(consentId);
                receiptNs[i] = System.nanoTime() - s;
                if (!"sealed".equals(receipt.status())) {
                    throw new AssertionError("leaf " + m + " not sealed");
                }
            }
        }
        Arrays.sort(proofNs);
        Arrays.sort(receiptNs);
        System.out.printf("BENCH inclusion proofs, real tree of %d leaves, %d random leaves (each verified against the root): "
                + "p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", n, samples, proofNs[samples / 2] / 1e6, proofNs[samples * 99 / 100] / 1e6,
                proofNs[samples - 1] / 1e6);
        System.out.printf("BENCH receipts (LedgerService.receipt: event row, leaf, proof, checkpoint), %d random leaves: "
                + "p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", samples, receiptNs[samples / 2] / 1e6, receiptNs[samples * 99 / 100] / 1e6,
                receiptNs[samples - 1] / 1e6);
    }

    long bufferPoolReads() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_reads'")) {
            return rs.next() ? rs.getLong(2) : -1;
        }
    }

    /**
     * Where verification time goes on the database side: the site's events streamed in id order and decoded (the
     * verifier's event stream) without any hashing, the leaf rows in keyset chunks, and the level-0 tile stream.
     */
    void jdbcOnly(long siteId, long n) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            long rows = 0;
            try (PreparedStatement ps = c.prepareStatement(VerificationService.EVENT_STREAM_CLUSTERED)) {
                ps.setFetchSize(VerificationService.BATCH);
                ps.setLong(1, siteId);
                ps.setLong(2, 0);
                ps.setLong(3, Long.MAX_VALUE);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        VerificationService.RawEvent.read(rs, siteId);
                        rows++;
                    }
                }
            }
            double streamed = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            long leaves = 0;
            long from = 0;
            while (true) {
                long before = leaves;
                try (PreparedStatement ps = c.prepareStatement(VerificationService.LEAF_CHUNK)) {
                    ps.setLong(1, siteId);
                    ps.setLong(2, from);
                    try (var rs = ps.executeQuery()) {
                        while (rs.next()) {
                            from = rs.getLong(1) + 1;
                            rs.getLong(2);
                            leaves++;
                        }
                    }
                }
                if (leaves == before) {
                    break;
                }
            }
            double chunks = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            long bytes = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT tile_index, hashes FROM ledger_tile WHERE site_id = ? AND level = 0 ORDER BY tile_index")) {
                ps.setFetchSize(64);
                ps.setLong(1, siteId);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        bytes += rs.getBytes(2).length;
                    }
                }
            }
            double tiles = (System.nanoTime() - t0) / 1e9;
            c.rollback();
            System.out.printf("BENCH JDBC only: event rows streamed and decoded %d in %.1f s = %.0f rows/s; leaf rows in chunks %d in %.1f s; "
                    + "level-0 tiles streamed %d MB in %.1f s%n", rows, streamed, rows / streamed, leaves, chunks, bytes >> 20, tiles);
        }
    }

    /**
     * Signed checkpoints at evenly spaced tree sizes until the site has {@code total} (-Dledger.bench.checkpoints): the
     * thinned history of a long-lived busy log (docs/LEDGER.md "Checkpoint history") is thousands, where sealing a
     * generated backlog in big batches leaves a few hundred.
     */
    void addCheckpoints(String siteKey, long siteId, long total) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            long existing = LedgerTestSupport.count(c, "SELECT COUNT(*) FROM ledger_checkpoint WHERE site_id = ?", siteId);
            long size = LedgerTestSupport.count(c, "SELECT tree_size FROM ledger_head WHERE site_id = ?", siteId);
            if (existing >= total || size < total) {
                return;
            }
            long t0 = System.nanoTime();
            Merkle.NodeReader reader = LedgerStore.reader(c, siteId);
            try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO ledger_checkpoint (site_id, tree_size, root_hash, note, key_vkey, "
                    + "created_at) VALUES (?, ?, ?, ?, ?, NOW(6))")) {
                for (long i = 1; i < total - existing; i++) {
                    long at = size * i / (total - existing);
                    byte[] root = Merkle.root(at, reader);
                    ps.setLong(1, siteId);
                    ps.setLong(2, at);
                    ps.setBytes(3, root);
                    ps.setString(4, SignedNote.sign(new SignedNote.Checkpoint(keys.origin(siteKey), at, root).text(), keys.signer()));
                    ps.setString(5, keys.signer().vkey());
                    ps.executeUpdate();
                }
            }
            System.out.printf("BENCH added checkpoints up to %d in %.0f s%n",
                    LedgerTestSupport.count(c, "SELECT COUNT(*) FROM ledger_checkpoint WHERE site_id = ?", siteId), (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Events {@code from..to} (1-based sequence numbers) of a site with {@code total} events over 90 days. */
    static void generate(Connection c, long siteId, long from, long total) throws Exception {
        long visitors = Math.max(1, total / 3);
        long span = 90L * 86_400 * 1_000_000;
        long step = span / total;
        String end;
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT DATE_SUB(NOW(6), INTERVAL 1 MINUTE)")) {
            rs.next();
            end = rs.getString(1);
        }
        try (Statement s = c.createStatement()) {
            for (long f = from; f <= total; f += 100_000) {
                long t = Math.min(total, f + 99_999);
                s.executeUpdate("INSERT INTO consent_event (consent_id, site_id, visitor_id, action, method, decisions, config_version, "
                        + "config_hash, language, gpc, page_url, ip_truncated, user_agent, banner_hash, personal_salt, personal_commitment, recorded_at) "
                        + "SELECT UUID(), " + siteId + ", visitor, "
                        + "CASE WHEN seq MOD 100 < 55 THEN 'given' WHEN seq MOD 100 < 85 THEN 'refused' WHEN seq MOD 100 < 97 THEN 'partial' ELSE 'withdrawn' END, "
                        + "CASE WHEN seq MOD 100 < 55 THEN 'accept-all' WHEN seq MOD 100 < 85 THEN 'reject-all' WHEN seq MOD 100 < 97 THEN 'save-settings' ELSE 'withdraw' END, "
                        + "CASE WHEN seq MOD 100 < 55 THEN '{\"essential\":true,\"analytics\":true,\"marketing\":true}' "
                        + "WHEN seq MOD 100 < 85 THEN '{\"essential\":true,\"analytics\":false,\"marketing\":false}' "
                        + "WHEN seq MOD 100 < 97 THEN '{\"essential\":true,\"analytics\":true,\"marketing\":false}' "
                        + "ELSE '{\"essential\":true,\"analytics\":false,\"marketing\":false}' END, "
                        + "1, REPEAT('ab', 32), IF(seq MOD 2 = 0, 'de', 'en'), seq MOD 50 = 0, 'https://bench.example/de/preise', ip, "
                        + "'Firefox 140 / Linux', REPEAT('cd', 32), salt, "
                        // SHA-256(salt || RFC8785({"ip":…,"ua":…,"visitorId":…})), docs/LEDGER.md "Personal commitment"
                        + "UNHEX(SHA2(CONCAT(salt, '{\"ip\":\"', ip, '\",\"ua\":\"Firefox 140 / Linux\",\"visitorId\":\"', visitor, '\"}'), 256)), "
                        + "TIMESTAMPADD(MICROSECOND, -" + span + " + CAST(seq AS SIGNED) * " + step + ", '" + end + "') "
                        + "FROM (SELECT seq, UNHEX(SHA2(CONCAT('s', seq), 256)) AS salt, LPAD(HEX(seq MOD " + visitors + "), 36, '0') AS visitor, "
                        + "CONCAT('203.0.', seq MOD 256, '.0') AS ip FROM seq_" + f + "_to_" + t + ") g");
                System.out.printf("generated %d / %d events%n", t, total);
            }
        }
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
