package org.consentledger.ledger;

import org.consentledger.platform.CanonicalJson;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.consentledger.platform.ProblemException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.consentledger.config.ConfigService;
import org.consentledger.config.LanguageResolver;
import org.consentledger.site.SiteService;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Consent receipts. JSON: the RFC 8785 canonical bytes of the receipt object (so a saved file can be
 * checked byte for byte by tools/VerifyReceipt.java). HTML: a plain-language page in German or English.
 */
@Path("/api/v1/receipts/{consentId}")
public class ReceiptResource {

    @Inject
    LedgerService ledger;

    @Inject
    SiteService sites;

    @Inject
    ConfigService configs;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance receipt(ReceiptPage page);

        static native TemplateInstance notFound(ReceiptLabels t, String lang);
    }

    /** A category decision with the category's title in the page language (its id when the config lacks it). */
    public record Decision(String category, boolean granted) {
    }

    /** A service decision: {@code objection} when a legitimate-interest service is off (the visitor objected). */
    public record ServiceDecision(String name, boolean on, boolean objection) {
    }

    /**
     * {@code heading}: what the decision was (consent, refusal, withdrawal); {@code recordedAtText}: the time to the
     * second in the page language; {@code position}: 1-based position in the log.
     */
    public record ReceiptPage(ReceiptLabels t, String lang, String consentId, String siteKey, String siteName,
                              boolean sealed, List<Decision> decisions, String action, String method,
                              int configVersion, String configHash, String bannerHash, String recordedAt,
                              boolean gpc, Long leafIndex, Long treeSize, String jsonUrl, String heading,
                              String recordedAtText, Long position, List<ServiceDecision> services,
                              List<ServiceDecision> objections) {
    }

    static String checkId(String consentId) {
        if (consentId == null || !consentId.matches("[0-9a-fA-F-]{1,36}")) {
            throw ProblemException.notFound("no consent with id " + (consentId == null ? "" : consentId.replaceAll("[^0-9A-Za-z-]", "?")));
        }
        return consentId;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response json(@PathParam("consentId") String consentId) {
        LedgerService.Receipt r = ledger.receipt(checkId(consentId));
        return Response.ok(CanonicalJson.bytes(r.json()), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response html(@PathParam("consentId") String consentId, @QueryParam("lang") String lang,
                         @HeaderParam("Accept-Language") String acceptLanguage) {
        LedgerService.Receipt r;
        try {
            r = ledger.receipt(checkId(consentId));
        } catch (ProblemException e) {
            if (e.problem().status() != 404) {
                throw e;
            }
            // a browser following a receipt link gets a page, not JSON
            String language = chooseLanguage(lang, acceptLanguage, null);
            return Response.status(404).type(MediaType.TEXT_HTML_TYPE)
                    .entity(Templates.notFound(ReceiptLabels.of(language), language)).build();
        }
        String language = chooseLanguage(lang, acceptLanguage, r.language());
        ReceiptLabels t = ReceiptLabels.of(language);
        String siteKey = (String) r.json().get("siteKey");
        JsonNode config = resolvedConfig(siteKey, r.configVersion(), language);
        Map<String, String> titles = names(config.path("categories"), "title");
        Map<String, String> serviceNames = names(config.path("services"), "name");
        Map<String, Boolean> legitimate = new java.util.HashMap<>();
        config.path("services").forEach(s -> legitimate.put(s.path("id").asText(),
                "legitimate-interest".equals(s.path("legalBasis").asText())));
        List<Decision> decisions = new ArrayList<>();
        for (Map.Entry<String, Object> e : r.decisions().entrySet()) {
            decisions.add(new Decision(titles.getOrDefault(e.getKey(), e.getKey()), Boolean.TRUE.equals(e.getValue())));
        }
        List<ServiceDecision> services = new ArrayList<>();
        Object event = r.json().get("event");
        if (event instanceof Map<?, ?> fields && fields.get("services") instanceof Map<?, ?> stored) {
            stored.forEach((id, on) -> services.add(new ServiceDecision(serviceNames.getOrDefault(String.valueOf(id), String.valueOf(id)),
                    Boolean.TRUE.equals(on), !Boolean.TRUE.equals(on) && legitimate.getOrDefault(String.valueOf(id), false))));
        }
        List<ServiceDecision> objections = services.stream().filter(ServiceDecision::objection).toList();
        ReceiptPage page = new ReceiptPage(t, language, consentId, siteKey,
                r.siteName(), "sealed".equals(r.status()), decisions, t.action(r.action()), t.method(r.method()), r.configVersion(),
                r.configHash(), r.bannerHash(), r.recordedAt(), r.gpc(), r.leafIndex(), r.treeSize(),
                "/api/v1/receipts/" + consentId, t.heading(r.action()), formatTime(r.recordedAt(), language),
                r.leafIndex() == null ? null : r.leafIndex() + 1, services, objections);
        return Response.ok(Templates.receipt(page), MediaType.TEXT_HTML_TYPE).build();
    }

    /** The config version the decision was made on, resolved to the page language (empty when it is gone). */
    private JsonNode resolvedConfig(String siteKey, int version, String language) {
        try {
            return sites.findByKey(siteKey)
                    .flatMap(site -> configs.published(site.id, version))
                    .map(c -> LanguageResolver.resolve(c.content(), language, c.languages(), c.defaultLanguage()))
                    .orElse(MissingNode.getInstance());
        } catch (RuntimeException e) {
            return MissingNode.getInstance();
        }
    }

    private static Map<String, String> names(JsonNode list, String field) {
        Map<String, String> names = new java.util.HashMap<>();
        list.forEach(n -> {
            if (n.path(field).isTextual()) {
                names.put(n.path("id").asText(), n.path(field).asText());
            }
        });
        return names;
    }

    /** "03.12.2026, 04:23:05" / "Dec 3, 2026, 4:23:05 AM" (UTC): to the second, in the page language. */
    static String formatTime(String iso, String language) {
        try {
            return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                    .withLocale("de".equals(language) ? Locale.GERMANY : Locale.UK)
                    .withZone(ZoneOffset.UTC)
                    .format(Instant.parse(iso));
        } catch (RuntimeException e) {
            return iso;
        }
    }

    static String chooseLanguage(String lang, String acceptLanguage, String eventLanguage) {
        if (lang != null && (lang.equals("de") || lang.equals("en"))) {
            return lang;
        }
        if (acceptLanguage != null) {
            for (String part : acceptLanguage.split(",")) {
                String l = part.trim().toLowerCase(Locale.ROOT);
                if (l.startsWith("de")) {
                    return "de";
                }
                if (l.startsWith("en")) {
                    return "en";
                }
            }
        }
        return eventLanguage != null && eventLanguage.toLowerCase(Locale.ROOT).startsWith("de") ? "de" : "en";
    }
}
