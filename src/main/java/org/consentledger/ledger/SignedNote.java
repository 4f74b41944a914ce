package org.consentledger.ledger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * C2SP signed-note: {@code text || "\n" || signature lines}, each signature line
 * {@code "\u2014 " + name + " " + base64(keyHash[4, big-endian] || signature) + "\n"}. The signature is
 * Ed25519 over the UTF-8 bytes of the text (which ends with a newline). Also C2SP tlog-checkpoint: the
 * text is {@code origin\nsize\nbase64(root)\n}.
 */
public final class SignedNote {

    public static final String SIG_PREFIX = "\u2014 ";

    private SignedNote() {
    }

    public record Sig(String name, int keyHash, byte[] signature) {
    }

    public record Parsed(String text, List<Sig> signatures) {
    }

    public record Checkpoint(String origin, long size, byte[] root) {
        public String text() {
            return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
        }
    }

    public static String sign(String text, NoteKeys.Signer signer) {
        checkText(text);
        byte[] sig = signer.sign(text.getBytes(StandardCharsets.UTF_8));
        byte[] blob = new byte[4 + sig.length];
        int h = signer.keyHash();
        blob[0] = (byte) (h >>> 24);
        blob[1] = (byte) (h >>> 16);
        blob[2] = (byte) (h >>> 8);
        blob[3] = (byte) h;
        System.arraycopy(sig, 0, blob, 4, sig.length);
        return text + "\n" + SIG_PREFIX + signer.name() + " " + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    static void checkText(String text) {
        if (text.isEmpty() || !text.endsWith("\n")) {
            throw new NoteException("note text must be non-empty and end with a newline");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\n' && (c < 0x20 || c == 0x7f)) {
                throw new NoteException("note text contains a control character");
            }
        }
    }

    public static Parsed parse(String note) {
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new NoteException("note has no signature block");
        }
        String text = note.substring(0, split + 1);
        checkText(text);
        String block = note.substring(split + 2);
        if (!block.endsWith("\n")) {
            throw new NoteException("signature block must end with a newline");
        }
        List<Sig> sigs = new ArrayList<>();
        for (String line : block.substring(0, block.length() - 1).split("\n", -1)) {
            if (!line.startsWith(SIG_PREFIX)) {
                throw new NoteException("malformed signature line");
            }
            String rest = line.substring(SIG_PREFIX.length());
            int sp = rest.indexOf(' ');
            if (sp <= 0 || rest.indexOf(' ', sp + 1) >= 0) {
                throw new NoteException("malformed signature line");
            }
            byte[] blob = Base64s.decodeStrict(rest.substring(sp + 1));
            if (blob.length < 5) {
                throw new NoteException("signature too short");
            }
            int h = ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
            byte[] sig = new byte[blob.length - 4];
            System.arraycopy(blob, 4, sig, 0, sig.length);
            sigs.add(new Sig(rest.substring(0, sp), h, sig));
        }
        if (sigs.isEmpty()) {
            throw new NoteException("note has no signatures");
        }
        return new Parsed(text, sigs);
    }

    /** Parses and checks the note; returns its text if {@code verifier} signed it. */
    public static String open(String note, NoteKeys.Verifier verifier) {
        Parsed p = parse(note);
        for (Sig s : p.signatures()) {
            if (s.name().equals(verifier.name()) && s.keyHash() == verifier.keyHash()) {
                if (s.signature().length == 64 && verifier.verify(p.text().getBytes(StandardCharsets.UTF_8), s.signature())) {
                    return p.text();
                }
                throw new NoteException("signature by " + verifier.name() + " is invalid");
            }
        }
        throw new NoteException("note is not signed by " + verifier.name() + "+" + String.format("%08x", verifier.keyHash()));
    }

    public static Checkpoint parseCheckpoint(String text) {
        checkText(text);
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new NoteException("checkpoint needs origin, size and root lines");
        }
        if (lines[0].isEmpty()) {
            throw new NoteException("checkpoint origin is empty");
        }
        if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
            throw new NoteException("checkpoint size is not a decimal number");
        }
        byte[] root = Base64s.decodeStrict(lines[2]);
        if (root.length != Merkle.HASH_SIZE) {
            throw new NoteException("checkpoint root is not 32 bytes");
        }
        return new Checkpoint(lines[0], Long.parseLong(lines[1]), root);
    }

    public static final class NoteException extends RuntimeException {
        public NoteException(String message) {
            super(message);
        }
    }

    /** Base64 that accepts only the canonical encoding (re-encoding gives the same text). */
    public static final class Base64s {
        private Base64s() {
        }

        public static byte[] decodeStrict(String s) {
            byte[] b;
            try {
                b = Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                throw new NoteException("invalid base64");
            }
            if (!Base64.getEncoder().encodeToString(b).equals(s)) {
                throw new NoteException("non-canonical base64");
            }
            return b;
        }
    }
}
