package org.consentledger.ledger;

import org.consentledger.platform.CanonicalJson;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Salted commitment to the personal fields of a consent event (docs/LEDGER.md, "Personal commitment"):
 * <pre>
 *   commitment = SHA-256( salt[32] || RFC8785({"ip": ipTruncated, "ua": userAgent, "visitorId": visitorId}) )
 * </pre>
 * with JSON {@code null} for a missing field. The commitment goes into the sealed leaf; the salt and the
 * personal fields stay in the row and are deleted on erasure, after which the commitment reveals nothing.
 */
public final class PersonalCommitment {

    /** Length of the salt and of the commitment in bytes. */
    public static final int LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private PersonalCommitment() {
    }

    /** A fresh 32-byte random salt (one per consent event). */
    public static byte[] newSalt() {
        byte[] salt = new byte[LENGTH];
        RANDOM.nextBytes(salt);
        return salt;
    }

    /** The exact bytes that are hashed after the salt. */
    public static byte[] preimage(String visitorId, String ipTruncated, String userAgent) {
        CanonicalJson.Writer w = new CanonicalJson.Writer(256);
        writePreimage(w, visitorId, ipTruncated, userAgent);
        return w.toBytes();
    }

    /** Members in canonical order: ip, ua, visitorId (PersonalCommitmentTest checks against the generic writer). */
    private static void writePreimage(CanonicalJson.Writer w, String visitorId, String ipTruncated, String userAgent) {
        w.raw("{\"ip\":").string(ipTruncated).raw(",\"ua\":").string(userAgent).raw(",\"visitorId\":").string(visitorId).raw("}");
    }

    /** As {@link #compute(MessageDigest, CanonicalJson.Writer, byte[], String, String, String)}, from the stored UTF-8 bytes. */
    public static byte[] computeUtf8(MessageDigest sha, CanonicalJson.Writer buffer, byte[] salt, byte[] visitorId,
                                     byte[] ipTruncated, byte[] userAgent) {
        if (salt == null || salt.length != LENGTH) {
            throw new IllegalArgumentException("salt must be exactly 32 bytes");
        }
        buffer.reset();
        buffer.raw("{\"ip\":").stringUtf8(ipTruncated).raw(",\"ua\":").stringUtf8(userAgent)
                .raw(",\"visitorId\":").stringUtf8(visitorId).raw("}");
        sha.reset();
        sha.update(salt);
        sha.update(buffer.buffer(), 0, buffer.length());
        return sha.digest();
    }

    public static byte[] compute(byte[] salt, String visitorId, String ipTruncated, String userAgent) {
        try {
            return compute(MessageDigest.getInstance("SHA-256"), new CanonicalJson.Writer(256), salt, visitorId, ipTruncated, userAgent);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As {@link #compute(byte[], String, String, String)}, reusing the caller's digest and buffer. */
    public static byte[] compute(MessageDigest sha, CanonicalJson.Writer buffer, byte[] salt, String visitorId,
                                 String ipTruncated, String userAgent) {
        if (salt == null || salt.length != LENGTH) {
            throw new IllegalArgumentException("salt must be exactly 32 bytes");
        }
        buffer.reset();
        writePreimage(buffer, visitorId, ipTruncated, userAgent);
        sha.reset();
        sha.update(salt);
        sha.update(buffer.buffer(), 0, buffer.length());
        return sha.digest();
    }
}
