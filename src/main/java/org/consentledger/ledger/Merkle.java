package org.consentledger.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RFC 6962 / RFC 9162 Merkle tree hashing, inclusion and consistency proofs and their verification.
 * Pure functions: where stored hashes are needed, callers pass a {@link NodeReader} that returns the
 * hashes of aligned perfect subtrees ({@link NodeId}); every proof element is either such a subtree or
 * the right edge of the tree, which is folded here from perfect subtrees.
 */
public final class Merkle {

    /** Domain separation prefix of a leaf hash: {@code SHA-256(0x00 || leaf)}. */
    public static final byte LEAF_HASH_PREFIX = 0x00;
    /** Domain separation prefix of an interior node hash: {@code SHA-256(0x01 || left || right)}. */
    public static final byte NODE_HASH_PREFIX = 0x01;
    public static final int HASH_SIZE = 32;

    private Merkle() {
    }

    /** Root hash of the perfect subtree of height {@code level} covering leaves [index*2^level, (index+1)*2^level). */
    public record NodeId(int level, long index) {
        public long firstLeaf() {
            return index << level;
        }
    }

    /** Half-open leaf range [start, end) whose RFC 6962 MTH is a proof element. */
    public record Range(long start, long end) {
    }

    /** Supplies stored hashes of perfect subtrees. */
    public interface NodeReader {
        Map<NodeId, byte[]> read(Collection<NodeId> ids);
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    public static byte[] leafHash(byte[] leaf) {
        MessageDigest sha = sha256();
        sha.update(LEAF_HASH_PREFIX);
        return sha.digest(leaf);
    }

    public static byte[] leafHash(MessageDigest sha, byte[] leaf) {
        sha.reset();
        sha.update(LEAF_HASH_PREFIX);
        return sha.digest(leaf);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        return nodeHash(sha256(), left, right);
    }

    public static byte[] nodeHash(MessageDigest sha, byte[] left, byte[] right) {
        sha.reset();
        sha.update(NODE_HASH_PREFIX);
        sha.update(left);
        return sha.digest(right);
    }

    /** Largest power of two strictly smaller than n (n &gt;= 2). */
    static long splitPoint(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** RFC 9162 2.1.3.1 PATH(m, D[n]) as ranges, leaf level first. */
    public static List<Range> inclusionRanges(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " outside tree of size " + size);
        }
        List<Range> out = new ArrayList<>();
        path(index, 0, size, out);
        return out;
    }

    private static void path(long m, long lo, long hi, List<Range> out) {
        long n = hi - lo;
        if (n == 1) {
            return;
        }
        long k = splitPoint(n);
        if (m - lo < k) {
            path(m, lo, lo + k, out);
            out.add(new Range(lo + k, hi));
        } else {
            path(m, lo + k, hi, out);
            out.add(new Range(lo, lo + k));
        }
    }

    /** RFC 9162 2.1.4.1 PROOF(m, D[n]) as ranges; empty when m == n or m == 0. */
    public static List<Range> consistencyRanges(long m, long n) {
        if (m < 0 || m > n) {
            throw new IllegalArgumentException("need 0 <= from <= to, got " + m + ", " + n);
        }
        List<Range> out = new ArrayList<>();
        if (m == 0 || m == n) {
            return out;
        }
        subproof(m, 0, n, true, out);
        return out;
    }

    private static void subproof(long m, long lo, long hi, boolean b, List<Range> out) {
        long n = hi - lo;
        if (m == n) {
            if (!b) {
                out.add(new Range(lo, hi));
            }
            return;
        }
        long k = splitPoint(n);
        if (m <= k) {
            subproof(m, lo, lo + k, b, out);
            out.add(new Range(lo + k, hi));
        } else {
            subproof(m - k, lo + k, hi, false, out);
            out.add(new Range(lo, lo + k));
        }
    }

    /** Aligned perfect subtrees that make up [start, end), left to right (greedy, largest first). */
    public static List<NodeId> decompose(long start, long end) {
        List<NodeId> out = new ArrayList<>();
        while (start < end) {
            int level = start == 0 ? 63 : Long.numberOfTrailingZeros(start);
            while (level > 0 && (level >= 63 || start + (1L << level) > end)) {
                level--;
            }
            out.add(new NodeId(level, start >> level));
            start += 1L << level;
        }
        return out;
    }

    /** Resolves proof ranges to hashes with one batched read. */
    public static List<byte[]> resolve(List<Range> ranges, NodeReader reader) {
        Set<NodeId> needed = new LinkedHashSet<>();
        List<List<NodeId>> parts = new ArrayList<>(ranges.size());
        for (Range r : ranges) {
            List<NodeId> d = decompose(r.start(), r.end());
            parts.add(d);
            needed.addAll(d);
        }
        Map<NodeId, byte[]> hashes = needed.isEmpty() ? Map.of() : reader.read(needed);
        MessageDigest sha = sha256();
        List<byte[]> out = new ArrayList<>(ranges.size());
        for (List<NodeId> d : parts) {
            out.add(fold(sha, d, hashes));
        }
        return out;
    }

    /** MTH(D[0:size]) from stored perfect subtrees. */
    public static byte[] root(long size, NodeReader reader) {
        if (size == 0) {
            return emptyRoot();
        }
        return resolve(List.of(new Range(0, size)), reader).get(0);
    }

    private static byte[] fold(MessageDigest sha, List<NodeId> d, Map<NodeId, byte[]> hashes) {
        byte[] r = require(hashes, d.get(d.size() - 1));
        for (int i = d.size() - 2; i >= 0; i--) {
            r = nodeHash(sha, require(hashes, d.get(i)), r);
        }
        return r;
    }

    private static byte[] require(Map<NodeId, byte[]> hashes, NodeId id) {
        byte[] h = hashes.get(id);
        if (h == null) {
            throw new IllegalStateException("stored hash missing for " + id);
        }
        return h;
    }

    /** Root of a perfect subtree given its 2^k leaf-level hashes (in place on a copy). */
    public static byte[] perfectRoot(MessageDigest sha, byte[][] hashes, int from, int count) {
        byte[][] level = Arrays.copyOfRange(hashes, from, from + count);
        int n = count;
        while (n > 1) {
            for (int i = 0; i < n / 2; i++) {
                level[i] = nodeHash(sha, level[2 * i], level[2 * i + 1]);
            }
            n /= 2;
        }
        return level[0];
    }

    /** RFC 9162 2.1.3.2: the root implied by an inclusion proof, or an exception saying why none is. */
    public static byte[] rootFromInclusionProof(long index, long size, byte[] leafHash, List<byte[]> proof) {
        if (index < 0 || size <= 0 || index >= size) {
            throw new ProofException("leaf index " + index + " is not inside a tree of size " + size);
        }
        checkHash(leafHash, "leaf hash");
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        MessageDigest sha = sha256();
        for (byte[] p : proof) {
            checkHash(p, "proof element");
            if (sn == 0) {
                throw new ProofException("inclusion proof is too long");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(sha, p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(sha, r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new ProofException("inclusion proof is too short");
        }
        return r;
    }

    public static void verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        checkHash(root, "root");
        byte[] computed = rootFromInclusionProof(index, size, leafHash, proof);
        if (!MessageDigest.isEqual(computed, root)) {
            throw new ProofException("inclusion proof does not lead to the root");
        }
    }

    /** RFC 9162 2.1.4.2. */
    public static void verifyConsistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
        checkHash(root1, "first root");
        checkHash(root2, "second root");
        if (size1 < 0 || size2 < size1) {
            throw new ProofException("need 0 <= first size <= second size");
        }
        if (size1 == size2) {
            if (!proof.isEmpty()) {
                throw new ProofException("consistency proof between equal sizes must be empty");
            }
            if (!MessageDigest.isEqual(root1, root2)) {
                throw new ProofException("roots of equal sizes differ");
            }
            return;
        }
        if (size1 == 0) {
            if (!proof.isEmpty()) {
                throw new ProofException("consistency proof from the empty tree must be empty");
            }
            return;
        }
        if (proof.isEmpty()) {
            throw new ProofException("consistency proof is empty");
        }
        for (byte[] p : proof) {
            checkHash(p, "proof element");
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(size1) == 1) {
            path.add(0, root1);
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        MessageDigest sha = sha256();
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (int i = 1; i < path.size(); i++) {
            byte[] c = path.get(i);
            if (sn == 0) {
                throw new ProofException("consistency proof is too long");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(sha, c, fr);
                sr = nodeHash(sha, c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sha, sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new ProofException("consistency proof is too short");
        }
        if (!MessageDigest.isEqual(fr, root1)) {
            throw new ProofException("consistency proof does not lead to the first root");
        }
        if (!MessageDigest.isEqual(sr, root2)) {
            throw new ProofException("consistency proof does not lead to the second root");
        }
    }

    private static void checkHash(byte[] h, String what) {
        if (h == null || h.length != HASH_SIZE) {
            throw new ProofException(what + " must be " + HASH_SIZE + " bytes");
        }
    }

    /** Thrown when a proof does not verify; the message says why. */
    public static final class ProofException extends RuntimeException {
        public ProofException(String message) {
            super(message);
        }
    }

    /**
     * The right edge of a growing tree (one perfect subtree root per set bit of the size): appends leaf
     * hashes in O(1) amortised and yields the root of the current size.
     */
    public static final class CompactRange {
        private final List<byte[]> hashes = new ArrayList<>();
        private long size;
        private final MessageDigest sha = sha256();

        public void append(byte[] leafHash) {
            byte[] h = leafHash;
            long s = size;
            while ((s & 1) == 1) {
                h = nodeHash(sha, hashes.remove(hashes.size() - 1), h);
                s >>= 1;
            }
            hashes.add(h);
            size++;
        }

        public long size() {
            return size;
        }

        public byte[] root() {
            if (size == 0) {
                return emptyRoot();
            }
            byte[] r = hashes.get(hashes.size() - 1);
            for (int i = hashes.size() - 2; i >= 0; i--) {
                r = nodeHash(sha, hashes.get(i), r);
            }
            return r;
        }
    }
}
