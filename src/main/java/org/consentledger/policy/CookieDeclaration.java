package org.consentledger.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What the cookie declaration shows, built from one published config version already resolved to one language.
 * Pure logic: the templates only print these fields (Qute escapes every one of them).
 */
public record CookieDeclaration(String lang, PolicyLabels t, String siteKey, String siteName, Controller controller,
                                List<Category> categories, String privacyPolicyUrl, String imprintUrl,
                                int version, String configHash, String publishedAt) {

    public record Controller(String name, String address, String email) {
    }

    public record Category(String id, String title, String description, String status, boolean required,
                           List<Service> services) {
    }

    public record Service(String id, String name, String provider, String purpose, String legalBasis,
                          String transfer, String privacyPolicyUrl, List<Cookie> cookies) {
    }

    /** {@code party}: first- or third-party (with the domain a third-party cookie lives on), in words. */
    public record Cookie(String name, String purpose, String lifetime, String party) {
    }

    /**
     * {@code resolved}: the config content after {@code LanguageResolver.resolve} to {@code lang};
     * {@code firstPartyHosts}: where first-party cookies without a domain of their own live ({@link FirstPartyHosts}),
     * or null.
     */
    public static CookieDeclaration of(JsonNode resolved, String lang, String siteKey, String siteName, int version,
                                       String configHash, Instant publishedAt, String firstPartyHosts) {
        PolicyLabels t = PolicyLabels.of(lang);
        List<Category> categories = new ArrayList<>();
        for (JsonNode c : resolved.path("categories")) {
            String id = c.path("id").asText();
            boolean required = c.path("required").asBoolean(false);
            List<Service> services = new ArrayList<>();
            boolean consent = false;
            boolean objection = false;
            for (JsonNode s : resolved.path("services")) {
                if (!id.equals(s.path("category").asText())) {
                    continue;
                }
                String basis = text(s, "legalBasis");
                consent |= "consent".equals(basis);
                objection |= "legitimate-interest".equals(basis);
                List<Cookie> cookies = new ArrayList<>();
                for (JsonNode k : s.path("cookies")) {
                    cookies.add(new Cookie(text(k, "name"), text(k, "purpose"), Durations.humanize(text(k, "maxAge"), lang),
                            party(k, lang, firstPartyHosts)));
                }
                String transfer = text(s, "thirdCountryTransfer");
                services.add(new Service(text(s, "id"), text(s, "name"), text(s, "provider"), text(s, "purpose"),
                        t.basis(basis), transfer == null ? t.noTransfer() : transfer, text(s, "privacyPolicyUrl"), cookies));
            }
            String status = required ? t.always()
                    : consent && objection ? t.withConsent() + " / " + t.untilObjection()
                    : objection ? t.untilObjection() : t.withConsent();
            categories.add(new Category(id, text(c, "title"), text(c, "description"), status, required, services));
        }
        JsonNode controller = resolved.path("controller");
        return new CookieDeclaration(lang, t, siteKey, siteName,
                controller.isObject() ? new Controller(text(controller, "name"), text(controller, "address"), text(controller, "email")) : null,
                categories, text(resolved.path("links"), "privacyPolicy"), text(resolved.path("links"), "imprint"),
                version, configHash, publishedAt == null ? null : DateTimeFormatter.ISO_LOCAL_DATE.format(publishedAt.atOffset(ZoneOffset.UTC)));
    }

    /** Where the standalone page's settings link points: the site's privacy policy, where the banner runs. */
    public String settingsUrl() {
        return privacyPolicyUrl == null ? null : privacyPolicyUrl.replaceFirst("#.*$", "") + "#consent-settings";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : null;
    }

    /** Heading of the first-/third-party column. */
    public String partyLabel() {
        return "de".equals(lang) ? "Art" : "Type";
    }

    /** A first-party cookie without a configured domain lives on the site's own hosts, as the banner says too. */
    static String party(JsonNode cookie, String lang, String firstPartyHosts) {
        boolean de = "de".equals(lang);
        boolean thirdParty = cookie.path("thirdParty").asBoolean(false);
        String domain = text(cookie, "domain");
        String where = domain != null ? domain : thirdParty ? null : firstPartyHosts;
        String suffix = where == null ? "" : " (" + where + ")";
        return thirdParty
                ? (de ? "Drittanbieter" : "third-party") + suffix
                : (de ? "Erstanbieter" : "first-party") + suffix;
    }
}
