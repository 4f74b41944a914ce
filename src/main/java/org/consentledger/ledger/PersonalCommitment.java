package org.consentledger.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

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
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ip", ipTruncated);
        fields.put("ua", userAgent);
        fields.put("visitorId", visitorId);
        return Jcs.bytes(fields);
    }

    public static byte[] compute(byte[] salt, String visitorId, String ipTruncated, String userAgent) {
        if (salt == null || salt.length != LENGTH) {
            throw new IllegalArgumentException("salt must be exactly 32 bytes");
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(preimage(visitorId, ipTruncated, userAgent));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
