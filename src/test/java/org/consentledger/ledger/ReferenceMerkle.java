package org.consentledger.ledger;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/** Slow, literal transcription of RFC 9162 section 2.1 (MTH, PATH, PROOF) used only to check the fast code. */
final class ReferenceMerkle {

    private ReferenceMerkle() {
    }

    static byte[] sha(byte prefix, byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(prefix);
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int k(int n) {
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return k;
    }

    /** MTH over leaf inputs (not hashes). */
    static byte[] mth(List<byte[]> d) {
        if (d.isEmpty()) {
            try {
                return MessageDigest.getInstance("SHA-256").digest();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (d.size() == 1) {
            return sha((byte) 0, d.get(0));
        }
        int k = k(d.size());
        return sha((byte) 1, mth(d.subList(0, k)), mth(d.subList(k, d.size())));
    }

    static List<byte[]> path(int m, List<byte[]> d) {
        List<byte[]> out = new ArrayList<>();
        if (d.size() <= 1) {
            return out;
        }
        int k = k(d.size());
        if (m < k) {
            out.addAll(path(m, d.subList(0, k)));
            out.add(mth(d.subList(k, d.size())));
        } else {
            out.addAll(path(m - k, d.subList(k, d.size())));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    static List<byte[]> proof(int m, List<byte[]> d) {
        if (m == 0 || m == d.size()) {
            return new ArrayList<>();
        }
        return subproof(m, d, true);
    }

    private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
        List<byte[]> out = new ArrayList<>();
        int n = d.size();
        if (m == n) {
            if (!b) {
                out.add(mth(d));
            }
            return out;
        }
        int k = k(n);
        if (m <= k) {
            out.addAll(subproof(m, d.subList(0, k), b));
            out.add(mth(d.subList(k, n)));
        } else {
            out.addAll(subproof(m - k, d.subList(k, n), false));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    static List<byte[]> leaves(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(ByteBuffer.allocate(8).putLong(i * 7919L + 13).array());
        }
        return out;
    }
}
