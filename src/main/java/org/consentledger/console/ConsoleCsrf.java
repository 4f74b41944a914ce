package org.consentledger.console;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.consentledger.operator.AuthConfig;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * CSRF tokens of the console's forms (#14): a signed double-submit token bound to the session. The browser holds a
 * random nonce in the cookie {@value #COOKIE}; every form carries {@code HMAC(key, nonce | session)}, where the session
 * is the signed-in account, its token version and the time of its password sign-in (stable while the console renews
 * its short tokens, different after a new sign-in, a logout or a revocation), or "anonymous" on the login page.
 * <p>
 * A plain double-submit pair (cookie = form field) can be planted by a sibling subdomain, which may set cookies for the
 * parent domain. Here a pair is worthless without the key: a nonce and token the attacker got for their own browser
 * or session do not match the victim's session, and the {@code __Host-} prefix stops other hosts from setting the
 * nonce cookie at all (no Domain, Path=/, Secure). The key is derived from the token-signing private key, which every
 * replica shares, so a form served by one replica is accepted by another.
 */
@ApplicationScoped
public class ConsoleCsrf {

    private static final Logger LOG = Logger.getLogger(ConsoleCsrf.class);

    static final String COOKIE = "__Host-cl_csrf";
    static final String FORM_FIELD = "csrf-token";
    static final String HEADER = "X-CSRF-Token";
    /** Routing-context key of a nonce created for this request (set as a cookie on its response). */
    static final String NEW_NONCE = "consentledger.csrf.new-nonce";
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final String ANONYMOUS = "anonymous";

    @Inject
    AuthConfig auth;

    private final SecureRandom random = new SecureRandom();
    private volatile SecretKeySpec key;

    /**
     * The browser's nonce: one created earlier in this request, else the cookie's (when well-formed), else, with
     * {@code create}, a new one that the response sets as cookie; null without one.
     */
    String nonce(RoutingContext rc, boolean create) {
        if (rc == null) {
            return null;
        }
        Object created = rc.get(NEW_NONCE);
        if (created != null) {
            return created.toString();
        }
        Cookie cookie = rc.request().getCookie(COOKIE);
        if (cookie != null && NONCE.matcher(cookie.getValue()).matches()) {
            return cookie.getValue();
        }
        if (!create) {
            return null;
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        rc.put(NEW_NONCE, nonce);
        return nonce;
    }

    /** The Set-Cookie value for a new nonce: host-only, whole host, HTTPS only, never sent cross-site, no script access. */
    static String cookie(String nonce) {
        return COOKIE + "=" + nonce + "; Path=/; HttpOnly; Secure; SameSite=Strict";
    }

    /** What a token is bound to: the sign-in of {@code jwt}, or the anonymous login form when null. */
    static String binding(JsonWebToken jwt) {
        if (jwt == null || jwt.getName() == null) {
            return ANONYMOUS;
        }
        Object version = jwt.getClaim(org.consentledger.operator.TokenChecks.VERSION_CLAIM);
        Object authTime = jwt.getClaim("auth_time");
        // a token without auth_time is renewed with auth_time = its iat (TokenService.refresh)
        String signIn = authTime == null ? Long.toString(jwt.getIssuedAtTime()) : number(authTime);
        return "session\n" + jwt.getIssuer() + "\n" + jwt.getName() + "\n" + (version == null ? "-" : number(version))
                + "\n" + signIn;
    }

    private static String number(Object claim) {
        if (claim instanceof jakarta.json.JsonNumber n) {
            return Long.toString(n.longValue());
        }
        if (claim instanceof Number n) {
            return Long.toString(n.longValue());
        }
        return claim.toString();
    }

    String token(String nonce, String binding) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            byte[] tag = mac.doFinal(("console-csrf/v1\n" + nonce + "\n" + binding).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    boolean matches(String nonce, String binding, String presented) {
        if (nonce == null || presented == null || presented.length() > 100) {
            return false;
        }
        return MessageDigest.isEqual(token(nonce, binding).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = deriveKey();
                }
                k = key;
            }
        }
        return k;
    }

    private SecretKeySpec deriveKey() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("consent-ledger console CSRF key v1\n".getBytes(StandardCharsets.UTF_8));
            Path privateKey = Path.of(auth.keyDir()).resolve("jwt-private.pem");
            if (Files.isReadable(privateKey)) {
                sha.update(Files.readAllBytes(privateKey));
            } else {
                // no local issuer key (external OIDC only): the console has no sign-in; a per-instance key suffices
                byte[] seed = new byte[32];
                random.nextBytes(seed);
                sha.update(seed);
                LOG.infof("No %s: console CSRF tokens are signed with a key of this instance only", privateKey);
            }
            return new SecretKeySpec(sha.digest(), "HmacSHA256");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot derive the console CSRF key", e);
        }
    }
}
