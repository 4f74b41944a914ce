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

import java.nio.charset.StandardCharsets;
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

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance receipt(ReceiptPage page);
    }

    public record Decision(String category, boolean granted) {
    }

    public record ReceiptPage(ReceiptLabels t, String lang, String consentId, String siteKey, String siteName,
                              boolean sealed, List<Decision> decisions, String action, String method,
                              int configVersion, String configHash, String bannerHash, String recordedAt,
                              boolean gpc, Long leafIndex, Long treeSize, String jsonUrl) {
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
    public TemplateInstance html(@PathParam("consentId") String consentId, @QueryParam("lang") String lang,
                                 @HeaderParam("Accept-Language") String acceptLanguage) {
        LedgerService.Receipt r = ledger.receipt(checkId(consentId));
        String language = chooseLanguage(lang, acceptLanguage, r.language());
        List<Decision> decisions = new ArrayList<>();
        for (Map.Entry<String, Object> e : r.decisions().entrySet()) {
            decisions.add(new Decision(e.getKey(), Boolean.TRUE.equals(e.getValue())));
        }
        ReceiptPage page = new ReceiptPage(ReceiptLabels.of(language), language, consentId, (String) r.json().get("siteKey"),
                r.siteName(), "sealed".equals(r.status()), decisions, r.action(), r.method(), r.configVersion(),
                r.configHash(), r.bannerHash(), r.recordedAt(), r.gpc(), r.leafIndex(), r.treeSize(),
                "/api/v1/receipts/" + consentId);
        return Templates.receipt(page);
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
