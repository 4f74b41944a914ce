package org.consentledger.operator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The token-signing key pair of the embedded issuer as two PEM files (PKCS#8 private key, X.509 public
 * key). Pure file and crypto code, no framework.
 */
public final class KeyFiles {

    public static final String PRIVATE_KEY_FILE = "jwt-private.pem";
    public static final String PUBLIC_KEY_FILE = "jwt-public.pem";

    private KeyFiles() {
    }

    /**
     * Makes sure {@code dir} holds a key pair: keeps an existing one, otherwise generates an RSA-2048 pair
     * and writes it (private key readable by the owner only). Returns true when it generated one.
     */
    public static synchronized boolean ensureKeyPair(Path dir) throws IOException {
        Path priv = dir.resolve(PRIVATE_KEY_FILE);
        Path pub = dir.resolve(PUBLIC_KEY_FILE);
        if (Files.exists(priv) && Files.exists(pub)) {
            return false;
        }
        Files.createDirectories(dir);
        KeyPair pair = generateRsa();
        Path tmpPriv = dir.resolve(PRIVATE_KEY_FILE + ".tmp");
        Path tmpPub = dir.resolve(PUBLIC_KEY_FILE + ".tmp");
        writeOwnerOnly(tmpPriv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
        Files.writeString(tmpPub, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmpPub, pub, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmpPriv, priv, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    /**
     * Writes a secret into a new file that is owner-only (0600) from its creation on, whatever the umask: an existing
     * file at {@code file} is removed first, so no earlier, wider permissions are inherited.
     */
    public static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        java.util.Set<java.nio.file.OpenOption> options = java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        java.nio.channels.SeekableByteChannel channel;
        try {
            channel = Files.newByteChannel(file, options,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            channel = Files.newByteChannel(file, options); // non-POSIX file system
        }
        try (java.nio.channels.SeekableByteChannel out = channel) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
    }

    public static KeyPair generateRsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    public static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    public static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(file))));
    }

    public static PublicKey readPublicKey(Path file) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(Files.readString(file))));
    }

    private static byte[] der(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }
}
