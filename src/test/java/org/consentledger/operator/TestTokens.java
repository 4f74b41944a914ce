package org.consentledger.operator;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Tokens minted in-process for tests: valid ones with the service's key, and every kind of bad one. */
public final class TestTokens {

    public static final String ISSUER = "consent-ledger";
    public static final String AUDIENCE = "consent-ledger";
    private static final KeyPair FORGER = KeyFiles.generateRsa();

    private TestTokens() {
    }

    public static JwtClaimsBuilder claims(String user, Set<String> roles, List<String> sites) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).upn(user).subject(user).groups(roles).claim(Roles.SITES_CLAIM, sites)
                .claim("jti", UUID.randomUUID().toString()).expiresIn(600);
    }

    public static String admin() {
        return claims("test-admin", Set.of(Roles.ADMIN), List.of()).sign();
    }

    public static String operator(String... sites) {
        return claims("op-" + String.join("-", sites), Set.of(Roles.OPERATOR), List.of(sites)).sign();
    }

    public static String auditor(String... sites) {
        return claims("aud-" + String.join("-", sites), Set.of(Roles.AUDITOR), List.of(sites)).sign();
    }

    /** Signed with a key the service has never seen. */
    public static String forged() {
        return claims("mallory", Set.of(Roles.ADMIN), List.of()).sign(FORGER.getPrivate());
    }

    /** An admin token with {@code alg: none} and no signature. */
    public static String algNone() {
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = b64("{\"iss\":\"" + ISSUER + "\",\"upn\":\"mallory\",\"sub\":\"mallory\",\"groups\":[\"admin\"],"
                + "\"sites\":[],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}");
        return header + "." + payload + ".";
    }

    /** A correctly signed admin token that expired an hour ago. */
    public static String expired() {
        long now = Instant.now().getEpochSecond();
        return Jwt.issuer(ISSUER).upn("late-admin").groups(Set.of(Roles.ADMIN)).claim(Roles.SITES_CLAIM, List.of())
                .issuedAt(now - 7200).expiresAt(now - 3600).sign();
    }

    /** A correctly signed admin token from another issuer. */
    public static String wrongIssuer() {
        return Jwt.issuer("https://evil.example").upn("mallory").groups(Set.of(Roles.ADMIN))
                .claim(Roles.SITES_CLAIM, List.of()).expiresIn(600).sign();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
