package org.consentledger.ledger;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SignedNoteTest {

    // Known answer of the signed-note reference implementation (golang.org/x/mod/sumdb/note docs).
    static final String GO_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String GO_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    static final String GO_NOTE = GO_TEXT + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    // Example of the C2SP signed-note specification.
    static final String SPEC_VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    static final String SPEC_NOTE = "This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    @Test
    void signsExactlyLikeTheReferenceImplementation() {
        NoteKeys.Signer signer = NoteKeys.parseSigner(GO_SKEY);
        assertEquals(GO_VKEY, signer.vkey());
        assertEquals(0xc74f20a3, signer.keyHash());
        assertEquals(GO_NOTE, SignedNote.sign(GO_TEXT, signer));
        assertEquals(GO_TEXT, SignedNote.open(GO_NOTE, NoteKeys.parseVerifier(GO_VKEY)));
        assertEquals(GO_SKEY, NoteKeys.signerKey("PeterNeumann", java.util.Arrays.copyOfRange(
                Base64.getDecoder().decode("AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"), 1, 33)));
    }

    @Test
    void opensTheSpecificationExample() {
        assertEquals("This is an example message.\n", SignedNote.open(SPEC_NOTE, NoteKeys.parseVerifier(SPEC_VKEY)));
    }

    @Test
    void rejectsTamperedNotesAndKeys() {
        NoteKeys.Verifier v = NoteKeys.parseVerifier(GO_VKEY);
        assertThrows(SignedNote.NoteException.class, () -> SignedNote.open(GO_NOTE.replace("problem,", "problem;"), v));
        assertThrows(SignedNote.NoteException.class, () -> SignedNote.open(GO_NOTE.replace("x08go", "x08gp"), v));
        assertThrows(SignedNote.NoteException.class, () -> SignedNote.open(GO_NOTE.substring(0, GO_NOTE.length() - 1), v));
        assertThrows(SignedNote.NoteException.class, () -> SignedNote.open(GO_NOTE + "x", v));
        assertThrows(SignedNote.NoteException.class, () -> SignedNote.open(GO_NOTE, NoteKeys.parseVerifier(SPEC_VKEY)));
        assertThrows(IllegalArgumentException.class, () -> NoteKeys.parseVerifier(GO_VKEY.replace("c74f20a3", "c74f20a4")));
        assertThrows(IllegalArgumentException.class, () -> NoteKeys.parseSigner(GO_SKEY.replace("c74f20a3", "c74f20a4")));
        // every single bit flip of the note is rejected
        byte[] bytes = GO_NOTE.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length * 8; i++) {
            byte[] copy = bytes.clone();
            copy[i / 8] ^= (byte) (1 << (i % 8));
            String s = new String(copy, StandardCharsets.UTF_8);
            assertThrows(RuntimeException.class, () -> SignedNote.open(s, v), "bit " + i);
        }
    }

    @Test
    void checkpointRoundTrip() {
        NoteKeys.Signer signer = NoteKeys.generate("consent-ledger.test");
        byte[] root = Merkle.emptyRoot();
        SignedNote.Checkpoint cp = new SignedNote.Checkpoint("consent-ledger.test/demo", 0, root);
        assertEquals("consent-ledger.test/demo\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", cp.text());
        String note = SignedNote.sign(cp.text(), signer);
        SignedNote.Checkpoint back = SignedNote.parseCheckpoint(SignedNote.open(note, NoteKeys.parseVerifier(signer.vkey())));
        assertEquals(cp.origin(), back.origin());
        assertEquals(0, back.size());
        assertArrayEquals(root, back.root());
        assertThrows(SignedNote.NoteException.class, () -> SignedNote.parseCheckpoint("o\n01\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"));
        assertThrows(SignedNote.NoteException.class, () -> SignedNote.parseCheckpoint("o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV=\n"));
    }
}
