package org.consentledger.ledger;

/** Texts of the receipt page, German and English. */
public record ReceiptLabels(String title, String intro, String agreed, String granted, String refused, String banner,
                            String bannerVersion, String bannerHash, String when, String how, String action,
                            String gpc, String yes, String no, String withdrawTitle, String withdrawText,
                            String proofTitle, String sealedText, String pendingText, String leaf, String json,
                            String utc) {

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
            "Position im Protokoll", "Maschinenlesbarer Beleg (JSON, prüfbar mit dem öffentlichen Schlüssel)", "UTC");

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
            "Position in the log", "Machine-readable receipt (JSON, verifiable with the public key)", "UTC");

    static ReceiptLabels of(String lang) {
        return "de".equals(lang) ? DE : EN;
    }
}
