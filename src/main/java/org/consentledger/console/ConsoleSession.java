package org.consentledger.console;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.consentledger.operator.Roles;
import org.consentledger.operator.SiteAccess;

import java.util.Locale;

/**
 * What every console page needs about the current request: who is signed in, their role, the UI language and the
 * CSRF token for forms. Templates reach it as {@code inject:console}.
 */
@Named("console")
@RequestScoped
public class ConsoleSession {

    static final String CSRF_COOKIE = ConsoleCsrf.COOKIE;

    @Inject
    SecurityIdentity identity;

    @Inject
    SiteAccess access;

    @Inject
    CurrentVertxRequest request;

    @Inject
    ConsoleCsrf csrf;

    private String lang;
    /** Set by ConsoleFilter when an error page is rendered on the I/O thread (where the identity cannot be awaited). */
    private SecurityIdentity resolved;

    void resolved(SecurityIdentity identity) {
        this.resolved = identity;
    }

    private SecurityIdentity identity() {
        return resolved != null ? resolved : identity;
    }

    public boolean signedIn() {
        try {
            return !identity().isAnonymous();
        } catch (RuntimeException authenticationFailed) {
            return false;
        }
    }

    public String user() {
        return signedIn() ? identity().getPrincipal().getName() : "";
    }

    public String role() {
        for (String role : new String[] { Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR }) {
            if (identity().hasRole(role)) {
                return role;
            }
        }
        return "";
    }

    /** The role in the page's words ("Administrator", "Betreiber", …). */
    public String roleLabel() {
        return Labels.text("role_", role(), lang());
    }

    public boolean admin() {
        return signedIn() && identity().hasRole(Roles.ADMIN);
    }

    /** Whether edit, publish and erase controls are shown for the site (the server checks again on POST). */
    public boolean mayWrite(String siteKey) {
        return signedIn() && access.mayWrite(siteKey);
    }

    public String lang() {
        if (lang == null) {
            RoutingContext rc = request.getCurrent();
            Cookie cookie = rc == null ? null : rc.request().getCookie(ConsoleLanguage.COOKIE);
            lang = ConsoleLanguage.choose(cookie == null ? null : cookie.getValue(),
                    rc == null ? null : rc.request().getHeader("Accept-Language"));
        }
        return lang;
    }

    public Locale locale() {
        return Locale.forLanguageTag(lang());
    }

    public String otherLang() {
        return "de".equals(lang()) ? "en" : "de";
    }

    /** The current path and query, for the language switch to return to. */
    public String here() {
        RoutingContext rc = request.getCurrent();
        // after a form POST the page's own address only answers POST: return to the start page instead
        return rc == null || rc.request().method() != io.vertx.core.http.HttpMethod.GET ? "/console" : rc.request().uri();
    }

    public String hereEncoded() {
        return TemplateExtensions.enc(here());
    }

    /**
     * The CSRF token for hidden form fields (ConsoleCsrf): bound to this browser's nonce and this sign-in; empty when
     * the request has no nonce (its forms would be refused).
     */
    public String csrf() {
        RoutingContext rc = request.getCurrent();
        String nonce = csrf.nonce(rc, false);
        if (nonce == null) {
            return "";
        }
        // the login form is always anonymous (ConsoleCsrfFilter)
        org.eclipse.microprofile.jwt.JsonWebToken jwt = !"/console/login".equals(rc.normalizedPath()) && signedIn()
                && identity().getPrincipal() instanceof org.eclipse.microprofile.jwt.JsonWebToken j ? j : null;
        return csrf.token(nonce, ConsoleCsrf.binding(jwt));
    }
}
