package org.consentledger.operator;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;

/**
 * Tokens of an external OIDC provider: verified against its JWKS (a key set generated here) and issuer, with
 * roles taken from a Keycloak-style {@code realm_access.roles} claim. Local accounts are switched off.
 */
@QuarkusTest
@TestProfile(ExternalIssuerTest.Profile.class)
class ExternalIssuerTest {

    static final String ISSUER = "https://idp.example.test/realms/consent";
    static final String KID = "idp-key-1";
    static final KeyPair IDP = KeyFiles.generateRsa();

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path jwks = Path.of("target/test-oidc/jwks.json").toAbsolutePath();
            try {
                Files.createDirectories(jwks.getParent());
                Files.writeString(jwks, jwks((RSAPublicKey) IDP.getPublic()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("mp.jwt.verify.publickey.location", jwks.toUri().toString(),
                    "mp.jwt.verify.issuer", ISSUER,
                    "smallrye.jwt.path.groups", "realm_access/roles",
                    "consent.auth.local-accounts", "false");
        }
    }

    static String jwks(RSAPublicKey key) {
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KID + "\",\"n\":\""
                + b64(key.getModulus()) + "\",\"e\":\"" + b64(key.getPublicExponent()) + "\"}]}";
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String idpToken(String issuer, List<String> roles) {
        return Jwt.issuer(issuer).audience("consent-ledger").upn("dpo@idp").subject("3f1c-idp-user")
                .claim("realm_access", Map.of("roles", roles))
                .claim(Roles.SITES_CLAIM, List.of("kibox"))
                .expiresIn(300).jws().keyId(KID).sign(IDP.getPrivate());
    }

    @Test
    void tokensOfTheConfiguredProviderAreAccepted() {
        given().auth().oauth2(idpToken(ISSUER, List.of("auditor"))).when().get("/api/v1/admin/sites")
                .then().statusCode(200).body("siteKey", hasItem("kibox"));
        given().auth().oauth2(idpToken(ISSUER, List.of("auditor"))).when().get("/api/v1/admin/sites/kibox/stats")
                .then().statusCode(200);
    }

    @Test
    void providerRolesAndTenantScopeStillApply() {
        given().auth().oauth2(idpToken(ISSUER, List.of("auditor"))).when().get("/api/v1/admin/users")
                .then().statusCode(403);
        given().auth().oauth2(idpToken(ISSUER, List.of("auditor"))).when().get("/api/v1/admin/sites/immmr")
                .then().statusCode(404);
    }

    @Test
    void otherIssuersAndTheLocalIssuerAreRejected() {
        given().auth().oauth2(idpToken("https://other.example.test", List.of("admin"))).when().get("/api/v1/admin/sites")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.forged()).when().get("/api/v1/admin/sites").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("username", "admin", "password", "test-admin-password-1"))
                .when().post("/api/v1/auth/token").then().statusCode(404);
    }
}
