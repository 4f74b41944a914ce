package org.consentledger.policy;

/** Fixed German and English texts of the cookie declaration (operator texts come from the config). */
public record PolicyLabels(String title, String intro, String controller, String always, String withConsent, String untilObjection,
                           String service, String provider, String purpose, String basis, String transfer,
                           String noTransfer, String privacyLink, String cookies, String cookieName, String lifetime,
                           String noCookies, String settings, String settingsIntro, String settingsElsewhere,
                           String generated, String version, String hash, String publishedAt, String privacy,
                           String imprint, String consent, String legitimateInterest, String contract,
                           String legalObligation, String notFoundTitle, String notFoundText) {

    private static final PolicyLabels DE = new PolicyLabels(
            "Cookie-Erklärung",
            "Diese Übersicht listet alle Cookies und Dienste, die auf dieser Website eingesetzt werden, mit Anbieter, Zweck, Rechtsgrundlage, Speicherdauer und Übermittlung in Drittländer.",
            "Verantwortlich",
            "immer aktiv",
            "nur mit Ihrer Einwilligung", "bis zu Ihrem Widerspruch",
            "Dienst", "Anbieter", "Zweck", "Rechtsgrundlage", "Übermittlung in Drittländer", "keine angegeben",
            "Datenschutzhinweise von", "Cookies", "Name", "Speicherdauer", "Dieser Dienst setzt keine Cookies.",
            "Cookie-Einstellungen öffnen",
            "Sie können Ihre Einwilligung jederzeit mit Wirkung für die Zukunft widerrufen oder ändern und berechtigten Interessen widersprechen:",
            "Sie können Ihre Einwilligung jederzeit über den Link „Cookie-Einstellungen“ auf der Website mit Wirkung für die Zukunft widerrufen oder ändern.",
            "Erstellt aus der veröffentlichten Banner-Konfiguration", "Version", "SHA-256", "veröffentlicht am",
            "Datenschutzerklärung", "Impressum",
            "Einwilligung (Art. 6 Abs. 1 lit. a DSGVO, § 25 Abs. 1 TDDDG)",
            "Berechtigtes Interesse (Art. 6 Abs. 1 lit. f DSGVO); Sie können widersprechen (Art. 21 DSGVO)",
            "Vertrag (Art. 6 Abs. 1 lit. b DSGVO)",
            "Rechtspflicht (Art. 6 Abs. 1 lit. c DSGVO)",
            "Nicht gefunden", "Für diese Website gibt es keine Cookie-Erklärung.");

    private static final PolicyLabels EN = new PolicyLabels(
            "Cookie declaration",
            "This overview lists every cookie and service used on this website with its provider, purpose, legal basis, lifetime and transfer to third countries.",
            "Controller",
            "always active",
            "only with your consent", "until you object",
            "Service", "Provider", "Purpose", "Legal basis", "Transfer to third countries", "none stated",
            "Privacy policy of", "Cookies", "Name", "Lifetime", "This service sets no cookies.",
            "Open cookie settings",
            "You can withdraw or change your consent at any time with effect for the future, and object to legitimate interests:",
            "You can withdraw or change your consent at any time with effect for the future via the \"Cookie settings\" link on the website.",
            "Generated from the published banner configuration", "version", "SHA-256", "published on",
            "Privacy policy", "Imprint",
            "Consent (Art. 6(1)(a) GDPR, § 25(1) TDDDG)",
            "Legitimate interest (Art. 6(1)(f) GDPR); you may object (Art. 21 GDPR)",
            "Contract (Art. 6(1)(b) GDPR)",
            "Legal obligation (Art. 6(1)(c) GDPR)",
            "Not found", "There is no cookie declaration for this website.");

    public static PolicyLabels of(String language) {
        return "de".equals(language) ? DE : EN;
    }

    /** The legal basis in words; an unknown value is shown as given. */
    public String basis(String legalBasis) {
        return switch (legalBasis == null ? "" : legalBasis) {
            case "consent" -> consent;
            case "legitimate-interest" -> legitimateInterest;
            case "contract" -> contract;
            case "legal-obligation" -> legalObligation;
            default -> legalBasis;
        };
    }
}
