package org.consentledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MerkleTest {

    static JsonNode vectors;
    static final HexFormat HEX = HexFormat.of();

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = MerkleTest.class.getResourceAsStream("/ledger/rfc6962-vectors.json")) {
            vectors = new ObjectMapper().readTree(in);
        }
    }

    static List<byte[]> hexList(JsonNode arr) {
        List<byte[]> out = new ArrayList<>();
        arr.forEach(n -> out.add(HEX.parseHex(n.asText())));
        return out;
    }

    static List<byte[]> vectorLeaves() {
        return hexList(vectors.get("leaves"));
    }

    /** In-memory node reader over leaf inputs, backed by the reference implementation. */
    static Merkle.NodeReader memory(List<byte[]> leaves) {
        return (Collection<Merkle.NodeId> ids) -> {
            Map<Merkle.NodeId, byte[]> out = new HashMap<>();
            for (Merkle.NodeId id : ids) {
                int from = (int) id.firstLeaf();
                out.put(id, ReferenceMerkle.mth(leaves.subList(from, from + (1 << id.level()))));
            }
            return out;
        };
    }

    @Test
    void leafAndNodeHashesUseTheRfc6962Prefixes() {
        assertEquals(0x00, Merkle.LEAF_HASH_PREFIX);
        assertEquals(0x01, Merkle.NODE_HASH_PREFIX);
        List<byte[]> leaves = vectorLeaves();
        JsonNode lh = vectors.get("leafHashes");
        for (int i = 0; i < leaves.size(); i++) {
            assertEquals(lh.get(i).asText(), HEX.formatHex(Merkle.leafHash(leaves.get(i))));
        }
    }

    @Test
    void rootsOfTreeSizes0To8MatchTheKnownAnswers() {
        List<byte[]> leaves = vectorLeaves();
        JsonNode roots = vectors.get("roots");
        Merkle.CompactRange cr = new Merkle.CompactRange();
        assertEquals(roots.get(0).asText(), HEX.formatHex(cr.root()));
        for (int n = 1; n <= 8; n++) {
            cr.append(Merkle.leafHash(leaves.get(n - 1)));
            assertEquals(roots.get(n).asText(), HEX.formatHex(cr.root()), "compact range size " + n);
            assertEquals(roots.get(n).asText(), HEX.formatHex(Merkle.root(n, memory(leaves))), "stored-node root size " + n);
            assertEquals(roots.get(n).asText(), HEX.formatHex(ReferenceMerkle.mth(leaves.subList(0, n))), "reference size " + n);
        }
    }

    @Test
    void inclusionProofsMatchTheKnownAnswersAndVerify() {
        List<byte[]> leaves = vectorLeaves();
        for (JsonNode v : vectors.get("inclusion")) {
            long index = v.get("index").asLong();
            long size = v.get("size").asLong();
            List<byte[]> expected = hexList(v.get("proof"));
            List<byte[]> proof = Merkle.resolve(Merkle.inclusionRanges(index, size), memory(leaves));
            assertHashesEqual(expected, proof);
            byte[] root = HEX.parseHex(vectors.get("roots").get((int) size).asText());
            assertDoesNotThrow(() -> Merkle.verifyInclusion(index, size, Merkle.leafHash(leaves.get((int) index)), proof, root));
        }
    }

    @Test
    void consistencyProofsMatchTheKnownAnswersAndVerify() {
        List<byte[]> leaves = vectorLeaves();
        JsonNode roots = vectors.get("roots");
        for (JsonNode v : vectors.get("consistency")) {
            long from = v.get("from").asLong();
            long to = v.get("to").asLong();
            List<byte[]> proof = Merkle.resolve(Merkle.consistencyRanges(from, to), memory(leaves));
            assertHashesEqual(hexList(v.get("proof")), proof);
            assertDoesNotThrow(() -> Merkle.verifyConsistency(from, to,
                    HEX.parseHex(roots.get((int) from).asText()), HEX.parseHex(roots.get((int) to).asText()), proof));
        }
    }

    @Test
    void fastProofsEqualTheReferenceForEveryIndexAndSizeUpTo70() {
        List<byte[]> leaves = ReferenceMerkle.leaves(70);
        Merkle.NodeReader reader = memory(leaves);
        for (int n = 1; n <= 70; n++) {
            byte[] root = ReferenceMerkle.mth(leaves.subList(0, n));
            assertArrayEquals(root, Merkle.root(n, reader));
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = Merkle.resolve(Merkle.inclusionRanges(m, n), reader);
                assertHashesEqual(ReferenceMerkle.path(m, leaves.subList(0, n)), proof);
                Merkle.verifyInclusion(m, n, Merkle.leafHash(leaves.get(m)), proof, root);
            }
            for (int m = 0; m <= n; m++) {
                List<byte[]> proof = Merkle.resolve(Merkle.consistencyRanges(m, n), reader);
                assertHashesEqual(ReferenceMerkle.proof(m, leaves.subList(0, n)), proof);
                byte[] root1 = ReferenceMerkle.mth(leaves.subList(0, m));
                Merkle.verifyConsistency(m, n, root1, root, proof);
            }
        }
    }

    @Test
    void corruptedInclusionProofsAreRejected() {
        List<byte[]> leaves = vectorLeaves();
        byte[] root = HEX.parseHex(vectors.get("roots").get(8).asText());
        byte[] leaf = Merkle.leafHash(leaves.get(5));
        List<byte[]> proof = Merkle.resolve(Merkle.inclusionRanges(5, 8), memory(leaves));
        Merkle.verifyInclusion(5, 8, leaf, proof, root);
        // flipped bit in every element
        for (int i = 0; i < proof.size(); i++) {
            List<byte[]> bad = copy(proof);
            bad.get(i)[0] ^= 8;
            assertThrows(Merkle.ProofException.class, () -> Merkle.verifyInclusion(5, 8, leaf, bad, root));
        }
        // truncated, trailing bytes / element, preceding element, wrong index, wrong size, wrong root/leaf
        assertThrows(Merkle.ProofException.class, () -> Merkle.verifyInclusion(5, 8, leaf, proof.subList(0, 2), root));
        List<byte[]> trailing = copy(proof);
        trailing.add(root);
        assertThrows(Merkle.ProofException.class, () -> Merkle.verifyInclusion(5, 8, leaf, trailing, root));
        List<byte[]> longElement = copy(proof);
        longElement.set(2, java.util.Arrays.copyOf(longElement.get(2), 33));
        assertThrows(Merkle.ProofException.class, () -> Merkle.verifyInclusion(5, 8, leaf, longElement, root));
        List<byte[]> preceding = copy(proof);
        preceding.add(0, root);
        assertThrows(Merkle.ProofException.class, () -> Merkle.verifyInclusion(5, 8, leaf, preceding, root));
        assertThrows(Merkle.ProofException.class, () -> Merkle.verifyInclusion(4, 8, leaf, proof, root));
        assertThrows(Merkle.ProofException.class, () -> Merkle.verifyInclusion(7, 8, leaf, proof, root));
        assertThrows(Merkle.ProofException.class, () -> Merkle.verifyInclusion(5, 16, leaf, proof, root));
        assertThrows(Merkle.ProofException.class, () -> Merkle.verifyInclusion(5, 4, leaf, proof, root));
        assertThrows(Merkle.ProofException.class, () -> Merkle.verifyInclusion(8, 8, leaf, proof, root));
        assertThrows(Merkle.ProofException.class, () -> Merkle.verifyInclusion(5, 8, Merkle.leafHash(leaves.get(4)), proof, root));
        assertThrows(Merkle.ProofException.class, () -> Merkle.verifyInclusion(5, 8, leaf, proof, Merkle.emptyRoot()));
    }

    @Test
    void corruptedConsistencyProofsAreRejected() {
        List<byte[]> leaves = vectorLeaves();
        JsonNode roots = vectors.get("roots");
        byte[] r6 = HEX.parseHex(roots.get(6).asText());
        byte[] r8 = HEX.parseHex(roots.get(8).asText());
        List<byte[]> proof = Merkle.resolve(Merkle.consistencyRanges(6, 8), memory(leaves));
        Merkle.verifyConsistency(6, 8, r6, r8, proof);
        assertThrows(Merkle.ProofException.class, () -> Merkle.verifyConsistency(6, 8, r8, r6, proof), "swapped roots");
        assertThrows(Merkle.ProofException.class, () -> Merkle.verifyConsistency(6, 8, r6, r8, proof.subList(0, 2)), "truncated");
        assertThrows(Merkle.ProofException.class, () -> Merkle.verifyConsistency(6, 8, r6, r8, List.of()), "empty");
        List<byte[]> trailing = copy(proof);
        trailing.add(r8);
        assertThrows(Merkle.ProofException.class, () -> Merkle.verifyConsistency(6, 8, r6, r8, trailing), "trailing");
        List<byte[]> longElement = copy(proof);
        longElement.set(0, java.util.Arrays.copyOf(longElement.get(0), 33));
        assertThrows(Merkle.ProofException.class, () -> Merkle.verifyConsistency(6, 8, r6, r8, longElement), "trailing bytes");
        for (int i = 0; i < proof.size(); i++) {
            List<byte[]> bad = copy(proof);
            bad.get(i)[0] ^= 16;
            assertThrows(Merkle.ProofException.class, () -> Merkle.verifyConsistency(6, 8, r6, r8, bad), "bit flip " + bad);
        }
        assertThrows(Merkle.ProofException.class, () -> Merkle.verifyConsistency(5, 8, r6, r8, proof), "size1 - 1");
        assertThrows(Merkle.ProofException.class, () -> Merkle.verifyConsistency(7, 8, r6, r8, proof), "size1 + 1");
        assertThrows(Merkle.ProofException.class, () -> Merkle.verifyConsistency(6, 16, r6, r8, proof), "size2 * 2");
        assertThrows(Merkle.ProofException.class, () -> Merkle.verifyConsistency(8, 6, r6, r8, proof), "backwards");
    }

    @Test
    void tileStorageAnswersTheSameProofsAsTheReference() {
        int n = 70_000; // crosses two tile levels (256 and 65536)
        List<byte[]> leaves = ReferenceMerkle.leaves(n);
        Map<Tiles.TileId, byte[]> store = new HashMap<>();
        Merkle.CompactRange cr = new Merkle.CompactRange();
        long size = 0;
        int[] batches = {1, 255, 1, 3000, 62279, 4464};
        int pos = 0;
        for (int b : batches) {
            List<byte[]> hashes = new ArrayList<>();
            for (int i = pos; i < pos + b; i++) {
                hashes.add(Merkle.leafHash(leaves.get(i)));
                cr.append(Merkle.leafHash(leaves.get(i)));
            }
            store.putAll(Tiles.append(size, hashes, store::get));
            size += b;
            pos += b;
            Merkle.NodeReader reader = Tiles.reader(ids -> {
                Map<Tiles.TileId, byte[]> m = new HashMap<>();
                ids.forEach(id -> m.put(id, store.get(id)));
                return m;
            });
            assertArrayEquals(cr.root(), Merkle.root(size, reader), "root after " + size);
        }
        assertEquals(n, size);
        Merkle.NodeReader reader = Tiles.reader(ids -> {
            Map<Tiles.TileId, byte[]> m = new HashMap<>();
            ids.forEach(id -> m.put(id, store.get(id)));
            return m;
        });
        byte[] root = cr.root();
        for (long m : new long[]{0, 1, 255, 256, 65535, 65536, 69999}) {
            List<byte[]> proof = Merkle.resolve(Merkle.inclusionRanges(m, n), reader);
            Merkle.verifyInclusion(m, n, Merkle.leafHash(leaves.get((int) m)), proof, root);
        }
        List<byte[]> cons = Merkle.resolve(Merkle.consistencyRanges(300, n), reader);
        Merkle.CompactRange small = new Merkle.CompactRange();
        for (int i = 0; i < 300; i++) {
            small.append(Merkle.leafHash(leaves.get(i)));
        }
        Merkle.verifyConsistency(300, n, small.root(), root, cons);
        assertEquals(1, store.keySet().stream().filter(t -> t.level() == 2).count());
    }

    static List<byte[]> copy(List<byte[]> in) {
        List<byte[]> out = new ArrayList<>();
        in.forEach(b -> out.add(b.clone()));
        return out;
    }

    static void assertHashesEqual(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size(), "proof length");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "proof element " + i);
        }
    }
}
