package org.consentledger.site;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Starting points for a new site (pure logic): the key suggested from the site's name, hints about allowed origins
 * (www / non-www, ports) and the starter banner configuration (essential + analytics with Microsoft Clarity) in the
 * languages the operator picked.
 */
public final class SiteTemplates {

    /** Languages the starter template has texts for. */
    public static final List<String> LANGUAGES = List.of("de", "en");
    public static final String STARTER = "starter";
    public static final String COPY = "copy";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SiteTemplates() {
    }

    /** A site key from a name: "Bäckerei Müller GmbH" → "baeckerei-mueller-gmbh" (3 to 64 characters). */
    public static String suggestKey(String name) {
        if (name == null) {
            return "";
        }
        String s = name.toLowerCase(Locale.ROOT).replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        s = s.replaceAll("^https?://", "").replaceAll("^www\\.", "");
        s = s.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 64) {
            s = s.substring(0, 64).replaceAll("-+$", "");
        }
        if (s.length() < 3) {
            s = s.isEmpty() ? "" : (s + "-site");
        }
        return s;
    }

    /** An origin typed with a trailing slash or a path becomes the bare origin ("https://a.com/" → "https://a.com"). */
    public static String tidyOrigin(String typed) {
        String s = typed == null ? "" : typed.strip();
        try {
            URI uri = new URI(s);
            if (uri.getScheme() != null && uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null
                    && ("/".equals(uri.getPath()) || uri.getPath() == null || uri.getPath().isEmpty())) {
                return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT);
            }
        } catch (Exception e) {
            // left as typed; the validator explains
        }
        return s;
    }

    /** Kinds of hints about a list of allowed origins. */
    public enum HintKind {
        /** https://example.com without https://www.example.com (or the other way round) */
        WWW,
        /** an explicit port: only that port is allowed */
        PORT,
        /** http:// on a public host: browsers on the https site send another origin */
        HTTP
    }

    /** A hint: which origin it is about and what is suggested. */
    public record Hint(HintKind kind, String origin, String suggestion) {
    }

    public static List<Hint> originHints(List<String> origins) {
        List<Hint> hints = new ArrayList<>();
        Set<String> all = new java.util.HashSet<>();
        origins.forEach(o -> all.add(o.toLowerCase(Locale.ROOT)));
        for (String origin : origins) {
            URI uri;
            try {
                uri = new URI(origin.endsWith(":*") ? origin.substring(0, origin.length() - 2) : origin);
            } catch (Exception e) {
                continue;
            }
            String host = uri.getHost();
            if (host == null) {
                continue;
            }
            boolean local = "localhost".equals(host) || host.matches("[0-9.]+");
            if (!local && host.chars().filter(ch -> ch == '.').count() >= 1) {
                String other = host.startsWith("www.") ? host.substring(4) : "www." + host;
                String otherOrigin = uri.getScheme() + "://" + other + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
                boolean bare = !host.startsWith("www.") && host.chars().filter(ch -> ch == '.').count() == 1;
                if ((bare || host.startsWith("www.")) && !all.contains(otherOrigin.toLowerCase(Locale.ROOT))) {
                    hints.add(new Hint(HintKind.WWW, origin, otherOrigin));
                }
            }
            if (uri.getPort() > 0) {
                hints.add(new Hint(HintKind.PORT, origin, uri.getScheme() + "://" + host + ":*"));
            }
            if (!local && "http".equals(uri.getScheme())) {
                hints.add(new Hint(HintKind.HTTP, origin, "https://" + host));
            }
        }
        return hints;
    }

    private static final Map<String, Map<String, String>> TEXT = Map.of(
            "de", Map.ofEntries(
                    Map.entry("title", "Cookies und Datenschutz"),
                    Map.entry("body", "Wir verwenden notwendige Cookies für den Betrieb dieser Website. Mit Ihrer Einwilligung "
                            + "nutzen wir außerdem Microsoft Clarity, um zu verstehen, wie die Website genutzt wird; dabei können "
                            + "Daten in die USA übermittelt werden. Sie können Ihre Auswahl jederzeit in den Einstellungen ändern "
                            + "und Ihre Einwilligung widerrufen."),
                    Map.entry("acceptAll", "Alle akzeptieren"),
                    Map.entry("rejectAll", "Alle ablehnen"),
                    Map.entry("settings", "Einstellungen"),
                    Map.entry("save", "Auswahl speichern"),
                    Map.entry("essential", "Notwendig"),
                    Map.entry("essentialDescription", "Technisch notwendige Cookies, z. B. für Ihre Cookie-Auswahl. Nicht abwählbar."),
                    Map.entry("analytics", "Statistik"),
                    Map.entry("analyticsDescription", "Analyse der Nutzung mit Microsoft Clarity, nur mit Ihrer Einwilligung."),
                    Map.entry("sitePurpose", "Speicherung Ihrer Cookie-Auswahl."),
                    Map.entry("consentCookie", "Cookie-Auswahl"),
                    Map.entry("clarityPurpose", "Analyse der Nutzung (Klicks, Scrollen, Heatmaps), um die Website zu verbessern."),
                    Map.entry("clck", "Nutzer-ID"),
                    Map.entry("clsk", "Verknüpfung der Sitzung"),
                    Map.entry("clid", "Geräte-ID"),
                    Map.entry("privacyPath", "/datenschutz")),
            "en", Map.ofEntries(
                    Map.entry("title", "Cookies and privacy"),
                    Map.entry("body", "We use necessary cookies to run this website. With your consent we also use Microsoft "
                            + "Clarity to understand how the website is used; data may be transferred to the USA. You can "
                            + "change your choice and withdraw your consent at any time in the settings."),
                    Map.entry("acceptAll", "Accept all"),
                    Map.entry("rejectAll", "Reject all"),
                    Map.entry("settings", "Settings"),
                    Map.entry("save", "Save choice"),
                    Map.entry("essential", "Essential"),
                    Map.entry("essentialDescription", "Technically necessary cookies, e.g. for your cookie choice. Cannot be switched off."),
                    Map.entry("analytics", "Analytics"),
                    Map.entry("analyticsDescription", "Usage analysis with Microsoft Clarity, only with your consent."),
                    Map.entry("sitePurpose", "Storing your cookie choice."),
                    Map.entry("consentCookie", "Cookie consent"),
                    Map.entry("clarityPurpose", "Usage analysis (clicks, scrolling, heatmaps) to improve the website."),
                    Map.entry("clck", "User ID"),
                    Map.entry("clsk", "Session linking"),
                    Map.entry("clid", "Device ID"),
                    Map.entry("privacyPath", "/privacy")));

    /**
     * The starter configuration: essential (the consent cookie) and analytics (Microsoft Clarity, consent, USA under
     * the EU-US Data Privacy Framework), Google Consent Mode mapping analytics → analytics_storage. The privacy-policy
     * link points at {@code privacyBase}/datenschutz resp. /privacy until the operator changes it in the editor.
     */
    public static ObjectNode starter(String siteKey, String name, List<String> languages, String privacyBase) {
        String cookieName = (siteKey.replace('-', '_') + "_consent");
        if (cookieName.length() > 120) {
            cookieName = cookieName.substring(0, 120);
        }
        ObjectNode c = JSON.objectNode();
        ObjectNode cookie = c.putObject("cookie");
        cookie.put("name", cookieName);
        cookie.put("maxAgeDays", 180);
        cookie.putNull("domain");
        c.put("defaultLanguage", languages.get(0));
        ArrayNode langs = c.putArray("languages");
        languages.forEach(langs::add);
        c.putObject("controller").put("name", name);
        ObjectNode privacy = c.putObject("links").putObject("privacyPolicy");
        languages.forEach(l -> privacy.put(l, privacyBase + TEXT.get(l).get("privacyPath")));
        ArrayNode categories = c.putArray("categories");
        ObjectNode essential = categories.addObject();
        essential.put("id", "essential");
        essential.put("required", true);
        essential.set("title", perLanguage(languages, "essential"));
        essential.set("description", perLanguage(languages, "essentialDescription"));
        ObjectNode analytics = categories.addObject();
        analytics.put("id", "analytics");
        analytics.put("required", false);
        analytics.put("gpcOptOut", false);
        analytics.set("title", perLanguage(languages, "analytics"));
        analytics.set("description", perLanguage(languages, "analyticsDescription"));
        ArrayNode services = c.putArray("services");
        ObjectNode own = services.addObject();
        own.put("id", "site");
        own.put("category", "essential");
        own.put("name", name);
        own.put("provider", name);
        own.put("legalBasis", "legitimate-interest");
        own.set("purpose", perLanguage(languages, "sitePurpose"));
        ObjectNode consentCookie = own.putArray("cookies").addObject();
        consentCookie.put("name", cookieName);
        consentCookie.put("maxAge", "P180D");
        consentCookie.set("purpose", perLanguage(languages, "consentCookie"));
        ObjectNode clarity = services.addObject();
        clarity.put("id", "clarity");
        clarity.put("category", "analytics");
        clarity.put("name", "Microsoft Clarity");
        clarity.put("provider", "Microsoft Corporation, One Microsoft Way, Redmond, WA 98052, USA");
        clarity.put("legalBasis", "consent");
        clarity.put("thirdCountryTransfer", "USA (EU-US Data Privacy Framework)");
        clarity.put("privacyPolicyUrl", "https://privacy.microsoft.com/privacystatement");
        clarity.set("purpose", perLanguage(languages, "clarityPurpose"));
        ArrayNode clarityCookies = clarity.putArray("cookies");
        for (String[] ck : new String[][] { { "_clck", "P1Y", "clck" }, { "_clsk", "P1D", "clsk" }, { "CLID", "P1Y", "clid" } }) {
            ObjectNode k = clarityCookies.addObject();
            k.put("name", ck[0]);
            k.put("maxAge", ck[1]);
            k.set("purpose", perLanguage(languages, ck[2]));
        }
        clarity.putObject("integrations").put("clarity", true);
        c.putObject("integrations").putObject("googleConsentMode").putArray("analytics").add("analytics_storage");
        ObjectNode texts = c.putObject("texts");
        for (String l : languages) {
            ObjectNode t = texts.putObject(l);
            for (String key : List.of("title", "body", "acceptAll", "rejectAll", "settings", "save")) {
                t.put(key, TEXT.get(l).get(key));
            }
        }
        return c;
    }

    private static ObjectNode perLanguage(List<String> languages, String key) {
        ObjectNode o = JSON.objectNode();
        languages.forEach(l -> o.put(l, TEXT.get(l).get(key)));
        return o;
    }
}
