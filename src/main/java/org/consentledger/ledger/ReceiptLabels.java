package org.consentledger.ledger;

/** Texts of the receipt page, German and English. */
public record ReceiptLabels(String title, String intro, String agreed, String granted, String refused, String banner,
                            String bannerVersion, String bannerHash, String when, String how, String action,
                            String gpc, String yes, String no, String withdrawTitle, String withdrawText,
                            String proofTitle, String sealedText, String pendingText, String leaf, String json,
                            String utc, String servicesTitle, String on, String off, String objected,
                            String objectionsTitle, String notFoundTitle, String notFoundText,
                            java.util.Map<String, String> headings, java.util.Map<String, String> actions,
                            java.util.Map<String, String> methods) {

    /** The heading above the banner facts: what the visitor did (consent, partial consent, refusal, withdrawal). */
    public String heading(String action) {
        return headings.getOrDefault(action, banner);
    }

    /** The ledger action in words. */
    public String action(String action) {
        return actions.getOrDefault(action, action);
    }

    /** How the visitor decided, in words. */
    public String method(String method) {
        return methods.getOrDefault(method, method);
    }

    static final ReceiptLabels DE = new ReceiptLabels(
            "Einwilligungsbeleg",
            "Dieser Beleg zeigt, welche Entscheidung auf der Website gespeichert wurde.",
            "Ihre Entscheidung je Kategorie",
            "erlaubt", "abgelehnt",
            "Banner, dem Sie zugestimmt haben",
            "Version", "Inhalts-Hash (SHA-256)",
            "Zeitpunkt", "Art der Entscheidung", "Ergebnis",
            "Global Privacy Control (GPC) gesendet", "ja", "nein",
            "So widerrufen Sie Ihre Einwilligung",
            "Sie können Ihre Einwilligung jederzeit so einfach widerrufen, wie Sie sie erteilt haben: Öffnen Sie auf der Website "
                    + "die Cookie-Einstellungen (Link „Cookie-Einstellungen“, meist in der Fußzeile) und wählen Sie „Alle ablehnen“ "
                    + "oder schalten Sie einzelne Kategorien aus. Der Widerruf gilt für die Zukunft und wird ebenfalls protokolliert.",
            "Fälschungssicherer Nachweis",
            "Dieser Eintrag ist im manipulationssicheren Protokoll der Website versiegelt (Merkle-Baum, signierter Checkpoint).",
            "Dieser Eintrag wird in wenigen Sekunden im Protokoll versiegelt.",
            "Position im Protokoll", "Maschinenlesbarer Beleg (JSON, prüfbar mit dem öffentlichen Schlüssel)", "UTC",
            "Ihre Entscheidung je Dienst", "an", "aus", "Widerspruch eingelegt",
            "Ihre Widersprüche (Art. 21 DSGVO)", "Beleg nicht gefunden",
            "Zu dieser Kennung gibt es keinen Einwilligungsbeleg. Prüfen Sie den Link oder öffnen Sie die Cookie-Einstellungen der Website.",
            java.util.Map.of("given", "Banner, dem Sie zugestimmt haben", "partial", "Banner, dem Sie teilweise zugestimmt haben",
                    "refused", "Banner, bei dem Sie abgelehnt haben", "withdrawn", "Banner, bei dem Sie widerrufen haben"),
            java.util.Map.of("given", "Einwilligung erteilt", "partial", "teilweise eingewilligt", "refused", "abgelehnt",
                    "withdrawn", "Einwilligung widerrufen"),
            java.util.Map.of("accept-all", "„Alle akzeptieren“", "reject-all", "„Alle ablehnen“",
                    "save-settings", "Auswahl in den Einstellungen gespeichert", "withdraw", "Widerruf",
                    "gpc", "automatisch wegen Global Privacy Control", "api", "über die Schnittstelle der Website"));

    static final ReceiptLabels EN = new ReceiptLabels(
            "Consent receipt",
            "This receipt shows the decision that was recorded for the website.",
            "Your decision per category",
            "allowed", "refused",
            "Banner you agreed to",
            "Version", "Content hash (SHA-256)",
            "Time", "How you decided", "Result",
            "Global Privacy Control (GPC) signal sent", "yes", "no",
            "How to withdraw your consent",
            "You can withdraw your consent at any time as easily as you gave it: on the website, open the cookie settings "
                    + "(link \"Cookie settings\", usually in the footer) and choose \"Reject all\" or switch off single categories. "
                    + "The withdrawal applies from then on and is recorded as well.",
            "Tamper-evident proof",
            "This record is sealed in the website's tamper-evident log (Merkle tree, signed checkpoint).",
            "This record will be sealed in the log within a few seconds.",
            "Position in the log", "Machine-readable receipt (JSON, verifiable with the public key)", "UTC",
            "Your decision per service", "on", "off", "objected",
            "Your objections (Art. 21 GDPR)", "Receipt not found",
            "There is no consent receipt with this id. Check the link, or open the website's cookie settings.",
            java.util.Map.of("given", "Banner you agreed to", "partial", "Banner you partly agreed to",
                    "refused", "Banner you refused", "withdrawn", "Banner you withdrew your consent on"),
            java.util.Map.of("given", "consent given", "partial", "partly consented", "refused", "refused",
                    "withdrawn", "consent withdrawn"),
            java.util.Map.of("accept-all", "\"Accept all\"", "reject-all", "\"Reject all\"",
                    "save-settings", "choices saved in the settings", "withdraw", "withdrawal",
                    "gpc", "automatically because of Global Privacy Control", "api", "through the website's interface"));

    static ReceiptLabels of(String lang) {
        return "de".equals(lang) ? DE : EN;
    }
}
