package org.consentledger.ledger;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Storage layout of the tree hashes: tiles of height 8 as in C2SP tlog-tiles. Tile (L, N) holds the
 * hashes of the tree nodes at level 8L with indexes 256N .. 256N+255 (a partial tile holds a prefix).
 * Level-0 tiles hold the leaf hashes. A tile's content only ever grows, so every stored perfect subtree
 * stays readable for every later tree size. Any perfect subtree (level h, index j) is the root of
 * 2^(h mod 8) consecutive hashes of tile (h / 8, (j &lt;&lt; (h mod 8)) / 256), hence an inclusion proof
 * needs at most ~log256(n) * 2 tile reads.
 */
public final class Tiles {

    public static final int HEIGHT = 8;
    public static final int WIDTH = 1 << HEIGHT;

    private Tiles() {
    }

    public record TileId(int level, long index) {
    }

    public static TileId tileOf(Merkle.NodeId node) {
        int k = node.level() % HEIGHT;
        return new TileId(node.level() / HEIGHT, (node.index() << k) >> HEIGHT);
    }

    /** Number of hashes at tile level L in a tree of the given size. */
    public static long entriesAtLevel(long treeSize, int level) {
        return treeSize >> (HEIGHT * level);
    }

    /** Reads perfect-subtree hashes from tiles fetched (in one batch) by {@code fetch}. */
    public static Merkle.NodeReader reader(Function<Collection<TileId>, Map<TileId, byte[]>> fetch) {
        return ids -> {
            Map<TileId, List<Merkle.NodeId>> byTile = new LinkedHashMap<>();
            for (Merkle.NodeId id : ids) {
                byTile.computeIfAbsent(tileOf(id), t -> new ArrayList<>()).add(id);
            }
            Map<TileId, byte[]> tiles = fetch.apply(byTile.keySet());
            MessageDigest sha = Merkle.sha256();
            Map<Merkle.NodeId, byte[]> out = new HashMap<>();
            for (Map.Entry<TileId, List<Merkle.NodeId>> e : byTile.entrySet()) {
                byte[] tile = tiles.get(e.getKey());
                if (tile == null) {
                    throw new IllegalStateException("tile " + e.getKey() + " missing");
                }
                for (Merkle.NodeId id : e.getValue()) {
                    int k = id.level() % HEIGHT;
                    int offset = (int) ((id.index() << k) & (WIDTH - 1));
                    int count = 1 << k;
                    if ((offset + count) * Merkle.HASH_SIZE > tile.length) {
                        throw new IllegalStateException("tile " + e.getKey() + " too short for " + id);
                    }
                    out.put(id, perfectRootOfTile(sha, tile, offset, count));
                }
            }
            return out;
        };
    }

    static byte[] hashAt(byte[] tile, int i) {
        byte[] h = new byte[Merkle.HASH_SIZE];
        System.arraycopy(tile, i * Merkle.HASH_SIZE, h, 0, Merkle.HASH_SIZE);
        return h;
    }

    public static byte[] perfectRootOfTile(MessageDigest sha, byte[] tile, int offset, int count) {
        byte[][] hs = new byte[count][];
        for (int i = 0; i < count; i++) {
            hs[i] = hashAt(tile, offset + i);
        }
        return Merkle.perfectRoot(sha, hs, 0, count);
    }

    /**
     * Appends leaf hashes to a tree of {@code oldSize} leaves and returns every tile whose content
     * changed (complete new content). {@code loadPartial} returns the stored content of a partial tile
     * (the right edge at each level) when the append has to extend it.
     */
    public static Map<TileId, byte[]> append(long oldSize, List<byte[]> leafHashes,
                                             Function<TileId, byte[]> loadPartial) {
        Map<TileId, byte[]> changed = new LinkedHashMap<>();
        MessageDigest sha = Merkle.sha256();
        List<byte[]> entries = leafHashes;
        long start = oldSize; // index (at this level) of the first new entry
        int level = 0;
        while (!entries.isEmpty()) {
            List<byte[]> completed = new ArrayList<>();
            long pos = start;
            int i = 0;
            while (i < entries.size()) {
                long tileIndex = pos >> HEIGHT;
                int offset = (int) (pos & (WIDTH - 1));
                int take = Math.min(WIDTH - offset, entries.size() - i);
                byte[] existing = offset == 0 ? new byte[0] : loadPartial.apply(new TileId(level, tileIndex));
                if (existing.length != offset * Merkle.HASH_SIZE) {
                    throw new IllegalStateException("stored tile (" + level + "," + tileIndex + ") has "
                            + existing.length / Merkle.HASH_SIZE + " hashes, expected " + offset);
                }
                byte[] tile = new byte[(offset + take) * Merkle.HASH_SIZE];
                System.arraycopy(existing, 0, tile, 0, existing.length);
                for (int j = 0; j < take; j++) {
                    System.arraycopy(entries.get(i + j), 0, tile, (offset + j) * Merkle.HASH_SIZE, Merkle.HASH_SIZE);
                }
                changed.put(new TileId(level, tileIndex), tile);
                if (offset + take == WIDTH) {
                    completed.add(perfectRootOfTile(sha, tile, 0, WIDTH));
                }
                i += take;
                pos += take;
            }
            entries = completed;
            start = start >> HEIGHT;
            level++;
        }
        return changed;
    }
}
