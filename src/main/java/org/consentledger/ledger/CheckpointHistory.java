package org.consentledger.ledger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which stored checkpoints a site keeps (docs/LEDGER.md "Checkpoint history"). The sealer signs one checkpoint
 * per pass, up to a few per second under continuous traffic; kept forever they would outgrow the events and make
 * verification (one Ed25519 check each) slow. Every checkpoint younger than {@code keepAll} stays; older ones are
 * thinned to the last of each minute, and those older than a day to the last of each hour. Buckets are UTC
 * calendar minutes and hours, so thinning again never drops a checkpoint an earlier run kept for a coarser bucket.
 * Receipts and consistency proofs do not need the dropped ones: they are answered from the tree hashes and the
 * latest checkpoint, and a receipt already handed out carries its own signed note.
 */
public final class CheckpointHistory {

    private CheckpointHistory() {
    }

    /** A stored checkpoint: its row id, tree size and signing time. */
    public record Stored(long id, long treeSize, Instant createdAt) {
    }

    /** The ids to delete from {@code stored} at time {@code now}; {@code protectedId} (the head's) always stays. */
    public static List<Long> toDelete(List<Stored> stored, Instant now, Duration keepAll, Long protectedId) {
        Instant allSince = now.minus(keepAll);
        Instant minutesSince = now.minus(Duration.ofDays(1));
        Map<Instant, Stored> lastPerBucket = new HashMap<>();
        List<Stored> candidates = new ArrayList<>();
        for (Stored s : stored) {
            if (!s.createdAt().isBefore(allSince)) {
                continue;
            }
            Instant bucket = s.createdAt().truncatedTo(s.createdAt().isBefore(minutesSince) ? ChronoUnit.HOURS : ChronoUnit.MINUTES);
            lastPerBucket.merge(bucket, s, (a, b) -> a.treeSize() >= b.treeSize() ? a : b);
            candidates.add(s);
        }
        List<Long> delete = new ArrayList<>();
        for (Stored s : candidates) {
            Instant bucket = s.createdAt().truncatedTo(s.createdAt().isBefore(minutesSince) ? ChronoUnit.HOURS : ChronoUnit.MINUTES);
            if (lastPerBucket.get(bucket) != s && (protectedId == null || s.id() != protectedId)) {
                delete.add(s.id());
            }
        }
        return delete;
    }
}
