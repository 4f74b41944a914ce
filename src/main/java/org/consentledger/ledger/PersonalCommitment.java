package org.consentledger.ledger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.consentledger.platform.CanonicalJson;
import org.consentledger.platform.Hashes;

import java.security.SecureRandom;

/**
 * Salted commitment to an event's personal fields: SHA-256(salt || RFC8785({"ip","ua","visitorId"})).
 * Placeholder until the ledger specification lands; see docs/LEDGER.md.
 */
public final class PersonalCommitment {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PersonalCommitment() {
    }

    public static byte[] newSalt() {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        return salt;
    }

    public static byte[] compute(byte[] salt, String visitorId, String ipTruncated, String userAgent) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("ip", ipTruncated);
        fields.put("ua", userAgent);
        fields.put("visitorId", visitorId);
        byte[] canonical = CanonicalJson.bytes(fields);
        byte[] input = new byte[salt.length + canonical.length];
        System.arraycopy(salt, 0, input, 0, salt.length);
        System.arraycopy(canonical, 0, input, salt.length, canonical.length);
        return Hashes.sha256(input);
    }
}
