package org.consentledger.ledger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys in the C2SP signed-note formats.
 * <ul>
 *   <li>key hash (key ID) = first 4 bytes of SHA-256(name || 0x0A || 0x01 || 32-byte public key)</li>
 *   <li>verifier key (vkey) = {@code name + "+" + hex8(keyHash) + "+" + base64(0x01 || public key)}</li>
 *   <li>signer key = {@code "PRIVATE+KEY+" + name + "+" + hex8(keyHash) + "+" + base64(0x01 || 32-byte seed)}</li>
 * </ul>
 */
public final class NoteKeys {

    public static final byte ALG_ED25519 = 0x01;
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private NoteKeys() {
    }

    /** A parsed signer: name, key hash, private and public key. */
    public record Signer(String name, int keyHash, PrivateKey privateKey, byte[] publicKey) {
        public String vkey() {
            return NoteKeys.vkey(name, publicKey);
        }

        public byte[] sign(byte[] message) {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(privateKey);
                s.update(message);
                return s.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A parsed verifier key. */
    public record Verifier(String name, int keyHash, byte[] publicKey) {
        public boolean verify(byte[] message, byte[] signature) {
            return NoteKeys.verify(publicKey, message, signature);
        }

        public String vkey() {
            return NoteKeys.vkey(name, publicKey);
        }
    }

    public static int keyHash(String name, byte[] publicKey) {
        MessageDigest sha = Merkle.sha256();
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0x0A);
        sha.update(ALG_ED25519);
        byte[] d = sha.digest(publicKey);
        return ((d[0] & 0xff) << 24) | ((d[1] & 0xff) << 16) | ((d[2] & 0xff) << 8) | (d[3] & 0xff);
    }

    public static String vkey(String name, byte[] publicKey) {
        return name + "+" + String.format("%08x", keyHash(name, publicKey)) + "+"
                + Base64.getEncoder().encodeToString(concat(new byte[]{ALG_ED25519}, publicKey));
    }

    static void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains("+")) {
            throw new IllegalArgumentException("key name must be non-empty and contain no '+'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("key name must not contain spaces or control characters");
            }
        }
    }

    public static Signer generate(String name) {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return fromSeed(name, seed);
    }

    /** Derives the key pair from a 32-byte Ed25519 seed (JDK key generator fed with the seed). */
    public static Signer fromSeed(String name, byte[] seed) {
        checkName(name);
        if (seed.length != 32) {
            throw new IllegalArgumentException("Ed25519 seed must be 32 bytes");
        }
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
            gen.initialize(255, new FixedRandom(seed));
            KeyPair pair = gen.generateKeyPair();
            byte[] encodedPrivate = pair.getPrivate().getEncoded();
            byte[] derivedSeed = Arrays.copyOfRange(encodedPrivate, encodedPrivate.length - 32, encodedPrivate.length);
            if (!Arrays.equals(derivedSeed, seed)) {
                throw new IllegalStateException("JDK Ed25519 generator did not use the given seed");
            }
            byte[] x509 = pair.getPublic().getEncoded();
            byte[] pub = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
            PrivateKey priv = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, seed)));
            return new Signer(name, keyHash(name, pub), priv, pub);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String signerKey(String name, byte[] seed) {
        Signer s = fromSeed(name, seed);
        return "PRIVATE+KEY+" + name + "+" + String.format("%08x", s.keyHash()) + "+"
                + Base64.getEncoder().encodeToString(concat(new byte[]{ALG_ED25519}, seed));
    }

    public static Signer parseSigner(String text) {
        String t = text.trim();
        String[] parts = t.split("\\+", 5);
        if (parts.length != 5 || !"PRIVATE".equals(parts[0]) || !"KEY".equals(parts[1])) {
            throw new IllegalArgumentException("signer key must look like PRIVATE+KEY+<name>+<hash>+<base64>");
        }
        byte[] key = Base64.getDecoder().decode(parts[4]);
        if (key.length != 33 || key[0] != ALG_ED25519) {
            throw new IllegalArgumentException("signer key is not an Ed25519 key");
        }
        Signer s = fromSeed(parts[2], Arrays.copyOfRange(key, 1, 33));
        if (!String.format("%08x", s.keyHash()).equals(parts[3])) {
            throw new IllegalArgumentException("signer key hash does not match the key");
        }
        return s;
    }

    public static Verifier parseVerifier(String vkey) {
        String[] parts = vkey.trim().split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("verifier key must look like <name>+<hash>+<base64>");
        }
        checkName(parts[0]);
        byte[] key = Base64.getDecoder().decode(parts[2]);
        if (key.length != 33 || key[0] != ALG_ED25519) {
            throw new IllegalArgumentException("verifier key is not an Ed25519 key");
        }
        byte[] pub = Arrays.copyOfRange(key, 1, 33);
        int hash = keyHash(parts[0], pub);
        if (!String.format("%08x", hash).equals(parts[1])) {
            throw new IllegalArgumentException("verifier key hash does not match the key");
        }
        return new Verifier(parts[0], hash, pub);
    }

    static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        try {
            PublicKey pk = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX, publicKey)));
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(pk);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** SecureRandom that hands out a fixed seed: lets the JDK derive an Ed25519 key pair from it. */
    private static final class FixedRandom extends SecureRandom {
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("unexpected request for " + bytes.length + " random bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
