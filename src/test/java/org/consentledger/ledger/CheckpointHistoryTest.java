package org.consentledger.ledger;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointHistoryTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:30Z");
    static final Duration KEEP_ALL = Duration.ofMinutes(10);

    static CheckpointHistory.Stored at(long id, String time) {
        return new CheckpointHistory.Stored(id, id * 10, Instant.parse(time));
    }

    @Test
    void keepsRecentOnesAllOlderOnesPerMinuteAndOlderThanADayPerHour() {
        List<CheckpointHistory.Stored> stored = List.of(
                at(1, "2026-11-20T08:00:01Z"), at(2, "2026-11-20T08:30:00Z"), at(3, "2026-11-20T08:59:59Z"), // one hour
                at(4, "2026-11-20T09:00:00Z"),                                                                // next hour, alone
                at(5, "2026-11-25T10:15:01Z"), at(6, "2026-11-25T10:15:40Z"),                                 // one minute
                at(7, "2026-11-25T10:16:00Z"),                                                                // next minute
                at(8, "2026-11-25T11:51:00Z"), at(9, "2026-11-25T11:51:01Z"));                                // < 10 min old: all stay
        assertEquals(List.of(1L, 2L, 5L), CheckpointHistory.toDelete(stored, NOW, KEEP_ALL, null));
    }

    @Test
    void theHeadsCheckpointAlwaysStays() {
        List<CheckpointHistory.Stored> stored = List.of(at(1, "2026-11-20T08:00:01Z"), at(2, "2026-11-20T08:30:00Z"));
        assertEquals(List.of(1L), CheckpointHistory.toDelete(stored, NOW, KEEP_ALL, null));
        assertEquals(List.of(), CheckpointHistory.toDelete(stored, NOW, KEEP_ALL, 1L));
    }

    @Test
    void thinningAgainLaterNeverDropsWhatACoarserBucketKeeps() {
        // checkpoints every 7 seconds over 30 hours: per-minute survivors, later per-hour survivors
        List<CheckpointHistory.Stored> stored = new ArrayList<>();
        Instant start = Instant.parse("2026-11-24T06:00:00Z");
        for (int i = 0; i < 30 * 3600 / 7; i++) {
            stored.add(new CheckpointHistory.Stored(i, i, start.plusSeconds(7L * i)));
        }
        Instant first = start.plus(Duration.ofHours(30));
        List<CheckpointHistory.Stored> afterFirst = survivors(stored, first);
        Instant later = first.plus(Duration.ofHours(26));
        List<CheckpointHistory.Stored> thinnedTwice = survivors(afterFirst, later);
        List<CheckpointHistory.Stored> thinnedOnce = survivors(stored, later);
        assertEquals(thinnedOnce, thinnedTwice);
        assertEquals(30, thinnedOnce.size()); // one per hour, all older than a day by then
        for (CheckpointHistory.Stored s : thinnedOnce) {
            int next = (int) s.id() + 1;
            assertTrue(next == stored.size() || hour(stored.get(next)) != hour(s), "the survivor of each hour is its last checkpoint");
        }
    }

    static long hour(CheckpointHistory.Stored s) {
        return s.createdAt().getEpochSecond() / 3600;
    }

    static List<CheckpointHistory.Stored> survivors(List<CheckpointHistory.Stored> stored, Instant now) {
        Set<Long> delete = new HashSet<>(CheckpointHistory.toDelete(stored, now, KEEP_ALL, null));
        return stored.stream().filter(s -> !delete.contains(s.id())).toList();
    }
}
