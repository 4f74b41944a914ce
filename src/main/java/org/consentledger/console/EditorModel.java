package org.consentledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The structured banner editor (pure logic): the configuration as form sections with plain-word choices (texts per
 * language side by side, links, controller, categories, services, cookies, Google Consent Mode), and the way back,
 * applying a posted form onto the configuration it was rendered from. Form fields are named by the validator's paths
 * ({@code services[1].cookies[0].name}), so a validation error lands next to its field; a few fields are made of parts
 * ({@code ….maxAge.amount} + {@code ….maxAge.unit}, {@code ….thirdCountryTransfer.country} + {@code ….mechanism}).
 * A posted name that the rendered form did not have is reported, never guessed at.
 */
public final class EditorModel {

    /** Banner texts offered for every language: the required ones first, then the optional ones. */
    static final List<String> TEXT_KEYS = List.of("title", "body", "acceptAll", "rejectAll", "settings", "save", "reopen");
    static final Set<String> REQUIRED_TEXTS = Set.of("title", "body", "acceptAll", "rejectAll", "settings");
    static final Set<String> LONG_TEXTS = Set.of("body");
    static final List<String> LEGAL_BASES = List.of("consent", "legitimate-interest", "contract", "legal-obligation");
    static final List<String> CONSENT_MODE_TYPES = List.of("analytics_storage", "ad_storage", "ad_user_data",
            "ad_personalization", "functionality_storage", "personalization_storage", "security_storage");
    /** Countries offered for a third-country transfer: ISO code → the name written into the configuration. */
    static final Map<String, String> COUNTRIES = new LinkedHashMap<>();
    /** Transfer mechanisms: message key → the words written into the configuration. */
    static final Map<String, String> MECHANISMS = new LinkedHashMap<>();
    /** Lifetime units: unit → ISO 8601 designator (T-prefixed for time units). */
    static final Map<String, String> UNITS = new LinkedHashMap<>();

    static {
        for (String code : List.of("US", "GB", "CH", "CA", "JP", "KR", "IL", "NZ", "AU", "IN", "CN", "SG", "BR")) {
            COUNTRIES.put(code, "US".equals(code) ? "USA" : new Locale("", code).getDisplayCountry(Locale.ENGLISH));
        }
        COUNTRIES.put("WORLD", "worldwide");
        MECHANISMS.put("dpf", "EU-US Data Privacy Framework");
        MECHANISMS.put("adequacy", "adequacy decision");
        MECHANISMS.put("scc", "standard contractual clauses");
        MECHANISMS.put("bcr", "binding corporate rules");
        MECHANISMS.put("consent", "consent, Art. 49(1)(a) GDPR");
        UNITS.put("seconds", "TS");
        UNITS.put("minutes", "TM");
        UNITS.put("hours", "TH");
        UNITS.put("days", "D");
        UNITS.put("months", "M");
        UNITS.put("years", "Y");
    }

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    private static final Pattern DURATION = Pattern.compile("P(T?)(\\d{1,6})([YMDHS])");
    private static final Pattern TYPED_LIFETIME = Pattern.compile("(.*) (seconds|minutes|hours|days|months|years)");
    private static final Pattern TRANSFER = Pattern.compile("(.+?)(?: \\((.+)\\))?");
    static final Pattern ENTRY = Pattern.compile("(categories|services)\\[(\\d{1,4})](?:\\.cookies\\[(\\d{1,4})])?");

    private EditorModel() {
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The view

    /** One input: form name, value, the validator's message (if any) and whether it is shown yet. */
    public record Input(String name, String value, String lang, String error, boolean showError) {
        public String id() {
            return "f-" + name.replaceAll("[^A-Za-z0-9]+", "-");
        }

        public boolean pendingError() {
            return error != null && !showError;
        }
    }

    /** An option of a select: its value, a message key (or a ready label) and whether it is chosen. */
    public record Choice(String value, String labelKey, String label, boolean selected) {
    }

    /** A banner text in every language, side by side. */
    public record TextRow(String key, boolean known, boolean required, boolean longText, List<Input> inputs) {
        public String label() {
            return known ? "text_" + key : key;
        }

        public boolean optional() {
            return !required;
        }

        public String id() {
            return "t-" + key.replaceAll("[^A-Za-z0-9]+", "-");
        }
    }

    public record ConsentModeBox(String name, String type, boolean checked) {
    }

    public record CategoryView(int index, String path, String title, Input id, Input required, Input gpcOptOut,
            List<Input> titles, List<Input> descriptions, List<ConsentModeBox> consentMode, boolean first, boolean last,
            int errors) {
        public String anchor() {
            return "categories-" + index;
        }

        public String consentModeName() {
            return path + ".consentMode";
        }
    }

    public record CookieView(String path, int index, Input name, Input domain, Input cookiePath, List<Choice> party,
            Input amount, List<Choice> units, List<Input> purposes, boolean first, boolean last) {
        public String title() {
            return name.value().isBlank() ? "#" + (index + 1) : name.value();
        }

        public String anchor() {
            return name.id().replace("-name", "");
        }

        public String partyId() {
            return anchor() + "-party";
        }

        public String unitId() {
            return anchor() + "-unit";
        }

        public String partyName() {
            return path + ".thirdParty";
        }

        public String unitName() {
            return path + ".maxAge.unit";
        }
    }

    public record ServiceView(int index, String path, String title, Input id, Input name, Input category,
            List<Choice> categories, Input provider, Input legalBasis, List<Choice> legalBases, List<Input> purposes, List<Choice> countries, List<Choice> mechanisms,
            Input transferError, Input privacyPolicyUrl, Input clarity, List<CookieView> cookies, boolean first,
            boolean last, int errors) {
        public String anchor() {
            return "services-" + index;
        }

        public String categoryName() {
            return path + ".category";
        }

        public String basisName() {
            return path + ".legalBasis";
        }

        public String countryName() {
            return path + ".thirdCountryTransfer.country";
        }

        public String mechanismId() {
            return "f-" + anchor() + "-mechanism";
        }

        public String mechanismName() {
            return path + ".thirdCountryTransfer.mechanism";
        }
    }

    public record Language(String code, String name, boolean isDefault) {
    }

    public record View(List<Language> languages, List<TextRow> texts, List<Input> privacyLinks, List<Input> imprintLinks,
            Input controllerName, Input controllerAddress, Input controllerEmail, List<CategoryView> categories,
            List<ServiceView> services, List<String> otherErrors, int shownErrors, int pendingErrors) {
    }

    /**
     * The form view of {@code config}. {@code errors} are the validator's messages by path; with {@code showAll}
     * (after Save) every error is shown, otherwise only those of fields that hold a value: a field the operator has not
     * filled in yet (a new service) is not marked before it was touched.
     */
    public static View view(JsonNode config, Map<String, String> errors, boolean showAll, Locale ui) {
        ViewBuilder b = new ViewBuilder(config, errors, showAll, ui);
        return b.build();
    }

    private static final class ViewBuilder {
        final JsonNode config;
        final Map<String, String> errors;
        final Set<String> used = new HashSet<>();
        final boolean showAll;
        final Locale ui;
        final List<String> languages = new ArrayList<>();
        int shown;
        int pending;

        ViewBuilder(JsonNode config, Map<String, String> errors, boolean showAll, Locale ui) {
            this.config = config;
            this.errors = errors;
            this.showAll = showAll;
            this.ui = ui;
            languages.addAll(languages(config));
        }

        Input input(String name, String value, String lang, String errorPath) {
            String error = errors.get(errorPath);
            if (error != null) {
                used.add(errorPath);
            }
            boolean show = error != null && (showAll || !value.isBlank());
            if (show) {
                shown++;
            } else if (error != null) {
                pending++;
            }
            return new Input(name, value, lang, error, show);
        }

        Input input(String name, JsonNode node) {
            return input(name, text(node), null, name);
        }

        List<Input> localised(String path, JsonNode node) {
            List<Input> out = new ArrayList<>();
            for (String lang : languages) {
                out.add(input(path + "." + lang, text(node.path(lang)), lang, path + "." + lang));
            }
            return out;
        }

        View build() {
            String def = config.path("defaultLanguage").asText("");
            List<Language> langs = languages.stream()
                    .map(l -> new Language(l, Locale.forLanguageTag(l).getDisplayLanguage(ui), l.equals(def))).toList();
            List<TextRow> texts = new ArrayList<>();
            for (String key : textKeys(config)) {
                List<Input> inputs = new ArrayList<>();
                for (String lang : languages) {
                    String path = "texts." + lang + "." + key;
                    inputs.add(input(path, text(config.path("texts").path(lang).path(key)), lang, path));
                }
                texts.add(new TextRow(key, TEXT_KEYS.contains(key), REQUIRED_TEXTS.contains(key), LONG_TEXTS.contains(key),
                        inputs));
            }
            List<Input> privacy = localised("links.privacyPolicy", config.path("links").path("privacyPolicy"));
            List<Input> imprint = localised("links.imprint", config.path("links").path("imprint"));
            JsonNode controller = config.path("controller");
            Input controllerName = input("controller.name", controller.path("name"));
            Input controllerAddress = input("controller.address", controller.path("address"));
            Input controllerEmail = input("controller.email", controller.path("email"));

            List<CategoryView> categories = new ArrayList<>();
            JsonNode cats = config.path("categories");
            JsonNode consentMode = config.path("integrations").path("googleConsentMode");
            for (int i = 0; i < cats.size(); i++) {
                int before = shown;
                JsonNode c = cats.get(i);
                String p = "categories[" + i + "]";
                Set<String> types = new HashSet<>();
                consentMode.path(c.path("id").asText("")).forEach(t -> types.add(t.asText()));
                List<ConsentModeBox> boxes = CONSENT_MODE_TYPES.stream()
                        .map(t -> new ConsentModeBox(p + ".consentMode", t, types.contains(t))).toList();
                categories.add(new CategoryView(i, p, title(c.path("title"), c.path("id").asText("")),
                        input(p + ".id", c.path("id")), input(p + ".required", text(c.path("required")), null, p + ".required"),
                        input(p + ".gpcOptOut", text(c.path("gpcOptOut")), null, p + ".gpcOptOut"),
                        localised(p + ".title", c.path("title")), localised(p + ".description", c.path("description")),
                        boxes, i == 0, i == cats.size() - 1, shown - before));
            }

            List<ServiceView> services = new ArrayList<>();
            JsonNode list = config.path("services");
            for (int i = 0; i < list.size(); i++) {
                int before = shown;
                JsonNode s = list.get(i);
                String p = "services[" + i + "]";
                String category = s.path("category").asText("");
                List<Choice> categoryChoices = new ArrayList<>();
                boolean known = false;
                for (JsonNode c : cats) {
                    String id = c.path("id").asText("");
                    known |= id.equals(category);
                    categoryChoices.add(new Choice(id, null, title(c.path("title"), id), id.equals(category)));
                }
                if (!known) {
                    categoryChoices.add(0, new Choice(category, "choose", null, true));
                }
                String basis = s.path("legalBasis").asText("");
                List<Choice> bases = new ArrayList<>();
                if (!LEGAL_BASES.contains(basis)) {
                    bases.add(new Choice(basis, "choose", null, true));
                }
                LEGAL_BASES.forEach(l -> bases.add(new Choice(l, "basis_" + l.replace('-', '_'), null, l.equals(basis))));
                String transfer = s.path("thirdCountryTransfer").isTextual() ? s.path("thirdCountryTransfer").asText() : "";
                String[] parts = transferParts(transfer);
                List<Choice> countries = new ArrayList<>();
                countries.add(new Choice("", "country_none", null, transfer.isEmpty()));
                if (!transfer.isEmpty() && parts == null) {
                    countries.add(new Choice("=" + transfer, null, transfer, true));
                }
                COUNTRIES.forEach((code, name) -> countries.add(new Choice(code, "WORLD".equals(code) ? "country_world" : null,
                        "WORLD".equals(code) ? null : new Locale("", code).getDisplayCountry(ui),
                        parts != null && name.equals(parts[0]))));
                List<Choice> mechanisms = new ArrayList<>();
                mechanisms.add(new Choice("", "mechanism_none", null, parts == null || parts[1] == null));
                MECHANISMS.forEach((key, words) -> mechanisms.add(new Choice(key, "mechanism_" + key, null,
                        parts != null && words.equals(parts[1]))));
                Input transferError = input(p + ".thirdCountryTransfer", transfer, null, p + ".thirdCountryTransfer");
                Input clarity = input(p + ".integrations.clarity", text(s.path("integrations").path("clarity")), null,
                        p + ".integrations");

                List<CookieView> cookies = new ArrayList<>();
                JsonNode cl = s.path("cookies");
                for (int j = 0; j < cl.size(); j++) {
                    JsonNode k = cl.get(j);
                    String kp = p + ".cookies[" + j + "]";
                    boolean third = k.path("thirdParty").asBoolean(false);
                    List<Choice> party = List.of(new Choice("first", "party_first", null, !third),
                            new Choice("third", "party_third", null, third));
                    String[] lifetime = lifetime(k.path("maxAge"));
                    List<Choice> units = new ArrayList<>();
                    units.add(new Choice("session", "unit_session", null, "session".equals(lifetime[1])));
                    UNITS.keySet().forEach(u -> units.add(new Choice(u, "unit_" + u, null, u.equals(lifetime[1]))));
                    if ("iso".equals(lifetime[1])) {
                        units.add(new Choice("iso", "unit_iso", null, true));
                    }
                    cookies.add(new CookieView(kp, j, input(kp + ".name", k.path("name")), input(kp + ".domain", k.path("domain")),
                            input(kp + ".path", k.path("path")), party,
                            input(kp + ".maxAge.amount", lifetime[0], null, kp + ".maxAge"), units,
                            k.path("purpose").isObject() || !k.has("purpose") ? localised(kp + ".purpose", k.path("purpose"))
                                    : List.of(),
                            j == 0, j == cl.size() - 1));
                }
                Input id = input(p + ".id", s.path("id"));
                Input name = input(p + ".name", s.path("name"));
                Input categoryField = input(p + ".category", category, null, p + ".category");
                Input provider = input(p + ".provider", s.path("provider"));
                Input basisField = input(p + ".legalBasis", basis, null, p + ".legalBasis");
                List<Input> purposes = localised(p + ".purpose", s.path("purpose"));
                Input privacyPolicyUrl = input(p + ".privacyPolicyUrl", s.path("privacyPolicyUrl"));
                String title = s.path("name").asText("").isBlank() ? s.path("id").asText(p) : s.path("name").asText();
                services.add(new ServiceView(i, p, title, id, name, categoryField, categoryChoices, provider, basisField,
                        bases, purposes, countries, mechanisms, transferError, privacyPolicyUrl, clarity, cookies, i == 0,
                        i == list.size() - 1, shown - before));
            }
            List<String> other = new ArrayList<>();
            errors.forEach((path, message) -> {
                if (!used.contains(path)) {
                    other.add((path.isEmpty() ? "" : path + ": ") + message);
                }
            });
            return new View(langs, texts, privacy, imprint, controllerName, controllerAddress, controllerEmail, categories,
                    services, other, shown + other.size(), pending);
        }
    }

    /** The texts offered: the known ones, then any other text key the configuration has in some language. */
    static List<String> textKeys(JsonNode config) {
        Set<String> keys = new LinkedHashSet<>(TEXT_KEYS);
        config.path("texts").forEach(t -> t.fieldNames().forEachRemaining(keys::add));
        return new ArrayList<>(keys);
    }

    static List<String> languages(JsonNode config) {
        List<String> out = new ArrayList<>();
        config.path("languages").forEach(l -> {
            if (l.isTextual() && !out.contains(l.asText())) {
                out.add(l.asText());
            }
        });
        return out;
    }

    private static String title(JsonNode localised, String fallback) {
        for (JsonNode t : localised) {
            if (t.isTextual() && !t.asText().isBlank()) {
                return t.asText();
            }
        }
        return fallback;
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() || node.isContainerNode() ? "" : node.asText();
    }

    /** [country name, mechanism words or null] when the text is one of the offered combinations; else null. */
    static String[] transferParts(String transfer) {
        if (transfer == null || transfer.isEmpty()) {
            return null;
        }
        Matcher m = TRANSFER.matcher(transfer);
        if (!m.matches() || !COUNTRIES.containsValue(m.group(1))
                || (m.group(2) != null && !MECHANISMS.containsValue(m.group(2)))) {
            return null;
        }
        return new String[] { m.group(1), m.group(2) };
    }

    /** A stored lifetime as [amount, unit]: "P13M" → [13, months]; "session" → ["", session]; others → [text, iso]. */
    static String[] lifetime(JsonNode maxAge) {
        String text = maxAge.isTextual() ? maxAge.asText() : "";
        if ("session".equals(text)) {
            return new String[] { "", "session" };
        }
        Matcher m = DURATION.matcher(text);
        if (m.matches()) {
            String designator = m.group(1) + m.group(3);
            for (Map.Entry<String, String> u : UNITS.entrySet()) {
                if (u.getValue().equals(designator)) {
                    return new String[] { m.group(2), u.getKey() };
                }
            }
        }
        Matcher typed = TYPED_LIFETIME.matcher(text);
        if (typed.matches()) {
            return new String[] { typed.group(1), typed.group(2) };
        }
        return text.isEmpty() ? new String[] { "", "years" } : new String[] { text, "iso" };
    }

    /** The stored form of a lifetime typed as amount + unit: ISO 8601 ("13", "months" → "P13M") or "session". */
    static String maxAge(String amount, String unit) {
        String a = amount == null ? "" : amount.strip();
        if ("session".equals(unit)) {
            return "session";
        }
        if ("iso".equals(unit)) {
            return a;
        }
        String designator = UNITS.get(unit);
        if (designator != null && a.matches("\\d{1,6}")) {
            long n = Long.parseLong(a);
            return designator.startsWith("T") ? "PT" + n + designator.substring(1) : "P" + n + designator;
        }
        // kept as typed, so the form shows it again next to the validator's message
        return a + " " + (designator == null ? "days" : unit);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Applying a posted form

    /** The form's own fields besides the configuration's. */
    static final Set<String> CONTROL_FIELDS = Set.of("csrf-token", "site", "json", "draft", "action", "newLanguage");

    /** The result of applying a form: the new configuration and the posted names no field of the form had. */
    public record Applied(ObjectNode content, List<String> unknownFields) {
    }

    /**
     * Applies the posted {@code form} (name → values, the last value of a name wins: a checkbox follows a hidden
     * "false") onto a copy of {@code base}, the configuration the form was rendered from. Fields left blank that are
     * optional are removed from the configuration; required ones are kept blank for the validator to name.
     */
    public static Applied apply(ObjectNode base, Map<String, List<String>> form) {
        ObjectNode c = base.deepCopy();
        Set<String> known = new HashSet<>(CONTROL_FIELDS);
        Reader r = new Reader(form, known);
        List<String> languages = languages(base);

        if (r.has("defaultLanguage")) {
            String def = r.get("defaultLanguage");
            if (languages.contains(def)) {
                c.put("defaultLanguage", def);
            }
        }
        List<String> keys = textKeys(base);
        for (String lang : languages) {
            for (String key : keys) {
                String name = "texts." + lang + "." + key;
                if (r.has(name)) {
                    ObjectNode texts = object(c, "texts");
                    ObjectNode t = object(texts, lang);
                    setOrRemove(t, key, r.get(name), REQUIRED_TEXTS.contains(key));
                }
            }
        }
        for (String lang : languages) {
            if (r.has("links.privacyPolicy." + lang)) {
                object(object(c, "links"), "privacyPolicy").put(lang, r.get("links.privacyPolicy." + lang).strip());
            }
            if (r.has("links.imprint." + lang)) {
                ObjectNode links = object(c, "links");
                setOrRemove(object(links, "imprint"), lang, r.get("links.imprint." + lang).strip(), false);
                if (links.path("imprint").isEmpty()) {
                    links.remove("imprint");
                }
            }
        }
        if (r.has("controller.name")) {
            ObjectNode controller = object(c, "controller");
            setOrRemove(controller, "name", r.get("controller.name"), true);
            setOrRemove(controller, "address", r.getOr("controller.address", controller.path("address").asText("")), false);
            setOrRemove(controller, "email", r.getOr("controller.email", controller.path("email").asText("")), false);
            if (controller.path("name").asText("").isBlank() && controller.size() == 1) {
                c.remove("controller");
            }
        }

        JsonNode cats = c.path("categories");
        Map<String, List<String>> consentMode = new LinkedHashMap<>();
        boolean consentModeInForm = false;
        for (int i = 0; i < cats.size(); i++) {
            if (!(cats.get(i) instanceof ObjectNode cat)) {
                continue;
            }
            String p = "categories[" + i + "]";
            if (r.has(p + ".id")) {
                cat.put("id", r.get(p + ".id").strip());
            }
            if (r.has(p + ".required")) {
                cat.put("required", "true".equals(r.get(p + ".required")));
            }
            if (r.has(p + ".gpcOptOut")) {
                boolean on = "true".equals(r.get(p + ".gpcOptOut"));
                if (on || cat.has("gpcOptOut")) {
                    cat.put("gpcOptOut", on);
                }
            }
            localised(r, cat, "title", p + ".title", languages, true);
            localised(r, cat, "description", p + ".description", languages, true);
            if (r.has(p + ".consentMode")) {
                consentModeInForm = true;
                List<String> types = new ArrayList<>();
                for (String t : r.all(p + ".consentMode")) {
                    if (CONSENT_MODE_TYPES.contains(t) && !types.contains(t)) {
                        types.add(t);
                    }
                }
                if (!types.isEmpty()) {
                    consentMode.put(cat.path("id").asText(""), types);
                }
            }
        }
        if (consentModeInForm) {
            ObjectNode integrations = object(c, "integrations");
            if (consentMode.isEmpty()) {
                integrations.remove("googleConsentMode");
            } else {
                ObjectNode gcm = integrations.putObject("googleConsentMode");
                consentMode.forEach((id, types) -> types.forEach(gcm.putArray(id)::add));
            }
            if (integrations.isEmpty()) {
                c.remove("integrations");
            }
        }

        JsonNode services = c.path("services");
        for (int i = 0; i < services.size(); i++) {
            if (!(services.get(i) instanceof ObjectNode s)) {
                continue;
            }
            String p = "services[" + i + "]";
            for (String field : List.of("id", "name", "category", "legalBasis")) {
                if (r.has(p + "." + field)) {
                    s.put(field, r.get(p + "." + field).strip());
                }
            }
            boolean essential = "essential".equals(s.path("category").asText());
            if (r.has(p + ".provider")) {
                setOrRemove(s, "provider", r.get(p + ".provider"), false);
            }
            localised(r, s, "purpose", p + ".purpose", languages, !essential);
            if (r.has(p + ".privacyPolicyUrl")) {
                setOrRemove(s, "privacyPolicyUrl", r.get(p + ".privacyPolicyUrl").strip(), false);
            }
            if (r.has(p + ".thirdCountryTransfer.country")) {
                String country = r.get(p + ".thirdCountryTransfer.country");
                String mechanism = r.getOr(p + ".thirdCountryTransfer.mechanism", "");
                String transfer;
                if (country.startsWith("=")) {
                    transfer = country.substring(1);
                } else if (COUNTRIES.containsKey(country)) {
                    transfer = COUNTRIES.get(country) + (MECHANISMS.containsKey(mechanism) ? " (" + MECHANISMS.get(mechanism) + ")" : "");
                } else {
                    transfer = "";
                }
                setOrRemove(s, "thirdCountryTransfer", transfer, false);
            }
            r.has(p + ".thirdCountryTransfer.mechanism");
            if (r.has(p + ".integrations.clarity")) {
                boolean on = "true".equals(r.get(p + ".integrations.clarity"));
                ObjectNode integrations = object(s, "integrations");
                if (on) {
                    integrations.put("clarity", true);
                } else {
                    integrations.remove("clarity");
                }
                if (integrations.isEmpty()) {
                    s.remove("integrations");
                }
            }
            JsonNode cookies = s.path("cookies");
            for (int j = 0; j < cookies.size(); j++) {
                if (!(cookies.get(j) instanceof ObjectNode k)) {
                    continue;
                }
                String kp = p + ".cookies[" + j + "]";
                if (r.has(kp + ".name")) {
                    k.put("name", r.get(kp + ".name").strip());
                }
                if (r.has(kp + ".domain")) {
                    setOrRemove(k, "domain", r.get(kp + ".domain").strip(), false);
                }
                if (r.has(kp + ".path")) {
                    setOrRemove(k, "path", r.get(kp + ".path").strip(), false);
                }
                if (r.has(kp + ".thirdParty")) {
                    boolean third = "third".equals(r.get(kp + ".thirdParty"));
                    if (third || k.has("thirdParty")) {
                        k.put("thirdParty", third);
                    }
                }
                if (r.has(kp + ".maxAge.unit")) {
                    String amount = r.getOr(kp + ".maxAge.amount", "");
                    String unit = r.get(kp + ".maxAge.unit");
                    if (amount.isBlank() && !"session".equals(unit)) {
                        // no lifetime given (allowed for essential services' cookies; the validator names it elsewhere)
                        k.remove("maxAge");
                    } else {
                        k.put("maxAge", maxAge(amount, unit));
                    }
                }
                r.has(kp + ".maxAge.amount");
                boolean anyPurpose = false;
                for (String lang : languages) {
                    anyPurpose |= !r.getOr(kp + ".purpose." + lang, "").isBlank();
                }
                localised(r, k, "purpose", kp + ".purpose", languages, anyPurpose || !languages.isEmpty() && k.has("purpose")
                        && hasText(k.path("purpose")));
                if (!anyPurpose && k.has("purpose") && !hasText(k.path("purpose"))) {
                    k.remove("purpose");
                }
            }
        }

        List<String> unknown = new ArrayList<>();
        for (String name : form.keySet()) {
            if (!known.contains(name)) {
                unknown.add(name);
            }
        }
        return new Applied(c, unknown);
    }

    private static boolean hasText(JsonNode localised) {
        for (JsonNode t : localised) {
            if (t.isTextual() && !t.asText().isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** Sets the per-language texts {@code field.<lang>}; when none was posted nothing changes. */
    private static void localised(Reader r, ObjectNode owner, String field, String path, List<String> languages, boolean keepBlank) {
        boolean any = false;
        boolean anyText = false;
        for (String lang : languages) {
            if (r.has(path + "." + lang)) {
                any = true;
                anyText |= !r.get(path + "." + lang).isBlank();
            }
        }
        if (!any) {
            return;
        }
        if (!anyText && !keepBlank) {
            owner.remove(field);
            return;
        }
        ObjectNode texts = owner.get(field) instanceof ObjectNode o ? o : owner.putObject(field);
        for (String lang : languages) {
            if (r.has(path + "." + lang)) {
                texts.put(lang, r.get(path + "." + lang));
            }
        }
    }

    private static void setOrRemove(ObjectNode owner, String key, String value, boolean keepBlank) {
        if (value == null || (value.isBlank() && !keepBlank)) {
            owner.remove(key);
        } else {
            owner.put(key, value);
        }
    }

    private static ObjectNode object(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode o ? o : parent.putObject(name);
    }

    private static final class Reader {
        final Map<String, List<String>> form;
        final Set<String> known;

        Reader(Map<String, List<String>> form, Set<String> known) {
            this.form = form;
            this.known = known;
        }

        boolean has(String name) {
            known.add(name);
            List<String> values = form.get(name);
            return values != null && !values.isEmpty();
        }

        String get(String name) {
            List<String> values = form.get(name);
            String v = values.get(values.size() - 1);
            return v == null ? "" : v;
        }

        String getOr(String name, String fallback) {
            return has(name) ? get(name) : fallback;
        }

        List<String> all(String name) {
            return form.get(name);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Actions of the form's buttons

    /** True when {@code action} is one the form's buttons send. */
    public static boolean isAction(String action) {
        if (action == null || action.equals("save") || action.equals("add-language") || action.equals("add:category")
                || action.equals("add:service")) {
            return true;
        }
        if (action.startsWith("remove-language:")) {
            return LANGUAGE.matcher(action.substring("remove-language:".length())).matches();
        }
        for (String prefix : List.of("add:cookie:", "remove:", "up:", "down:")) {
            if (action.startsWith(prefix)) {
                Matcher m = ENTRY.matcher(action.substring(prefix.length()));
                return m.matches() && (!prefix.equals("add:cookie:") || (m.group(1).equals("services") && m.group(3) == null));
            }
        }
        return false;
    }

    /** The outcome of an action: the configuration and the entry to open and scroll to (may be null). */
    public record Acted(ObjectNode content, String focus, String problem) {
    }

    /** Performs a structural action (add, remove, move, languages); "save" changes nothing. */
    public static Acted act(ObjectNode config, String action, String newLanguage) {
        if (action == null || action.equals("save")) {
            return new Acted(config, null, null);
        }
        if (action.equals("add:category")) {
            ObjectNode c = EditorForm.add(config, EditorForm.ADD_CATEGORY);
            return new Acted(c, "categories[" + (c.path("categories").size() - 1) + "]", null);
        }
        if (action.equals("add:service")) {
            ObjectNode c = EditorForm.add(config, EditorForm.ADD_SERVICE);
            ObjectNode added = (ObjectNode) c.path("services").get(c.path("services").size() - 1);
            added.remove("privacyPolicyUrl");
            return new Acted(c, "services[" + (c.path("services").size() - 1) + "]", null);
        }
        if (action.startsWith("add:cookie:")) {
            String service = action.substring("add:cookie:".length());
            return new Acted(EditorForm.add(config, EditorForm.ADD_COOKIE + service), service, null);
        }
        if (action.startsWith("remove:")) {
            return new Acted(EditorForm.remove(config, action.substring("remove:".length())), null, null);
        }
        if (action.startsWith("up:") || action.startsWith("down:")) {
            boolean up = action.startsWith("up:");
            return move(config, action.substring(up ? 3 : 5), up);
        }
        if (action.equals("add-language")) {
            String lang = newLanguage == null ? "" : newLanguage.strip().toLowerCase(Locale.ROOT);
            List<String> languages = languages(config);
            if (!LANGUAGE.matcher(lang).matches()) {
                return new Acted(config, null, "language-invalid");
            }
            if (languages.contains(lang)) {
                return new Acted(config, null, "language-exists");
            }
            return new Acted(addLanguage(config, lang), "texts", null);
        }
        if (action.startsWith("remove-language:")) {
            String lang = action.substring("remove-language:".length());
            List<String> languages = languages(config);
            if (!languages.contains(lang)) {
                return new Acted(config, null, null);
            }
            if (languages.size() == 1) {
                return new Acted(config, null, "language-last");
            }
            return new Acted(removeLanguage(config, lang), "texts", null);
        }
        return new Acted(config, null, null);
    }

    /** The fragment of the page that shows {@code focus} ({@code services[2].cookies[1]} → services-2-cookie-1). */
    public static String anchor(String focus) {
        Matcher m = ENTRY.matcher(focus == null ? "" : focus);
        if (!m.matches()) {
            return "languages".equals(focus) ? "languages" : "texts";
        }
        return m.group(1) + "-" + m.group(2) + (m.group(3) == null ? "" : "-cookie-" + m.group(3));
    }

    /** The section or top-level entry to open for {@code focus} ({@code services[2].cookies[1]} → services[2]); or null. */
    public static String openEntry(String focus) {
        if ("texts".equals(focus) || "languages".equals(focus)) {
            return focus;
        }
        Matcher m = ENTRY.matcher(focus == null ? "" : focus);
        return m.matches() ? m.group(1) + "[" + m.group(2) + "]" : null;
    }

    static Acted move(ObjectNode config, String entry, boolean up) {
        ObjectNode c = config.deepCopy();
        Matcher m = ENTRY.matcher(entry);
        if (!m.matches()) {
            return new Acted(c, null, null);
        }
        JsonNode list = c.path(m.group(1));
        int index = Integer.parseInt(m.group(2));
        String prefix = m.group(1) + "[";
        if (m.group(3) != null) {
            prefix = m.group(1) + "[" + index + "].cookies[";
            list = list.path(index).path("cookies");
            index = Integer.parseInt(m.group(3));
        }
        int other = up ? index - 1 : index + 1;
        if (!(list instanceof ArrayNode array) || index >= array.size() || other < 0 || other >= array.size()) {
            return new Acted(c, entry, null);
        }
        JsonNode a = array.get(index);
        array.set(index, array.get(other));
        array.set(other, a);
        return new Acted(c, prefix + other + "]", null);
    }

    /** Adds a language: declared, and an empty text wherever texts are given per language. */
    static ObjectNode addLanguage(ObjectNode config, String lang) {
        ObjectNode c = config.deepCopy();
        (c.get("languages") instanceof ArrayNode a ? a : c.putArray("languages")).add(lang);
        if (!c.path("defaultLanguage").isTextual()) {
            c.put("defaultLanguage", lang);
        }
        ObjectNode texts = object(c, "texts");
        ObjectNode t = object(texts, lang);
        REQUIRED_TEXTS.stream().sorted().forEach(k -> {
            if (!t.has(k)) {
                t.put(k, "");
            }
        });
        ObjectNode privacy = object(object(c, "links"), "privacyPolicy");
        if (!privacy.has(lang)) {
            privacy.put(lang, "");
        }
        forEachLocalised(c, o -> {
            if (!o.has(lang)) {
                o.put(lang, "");
            }
        });
        return c;
    }

    /** Removes a language everywhere; the default language moves to the first remaining one if needed. */
    static ObjectNode removeLanguage(ObjectNode config, String lang) {
        ObjectNode c = config.deepCopy();
        ArrayNode langs = c.withArray("languages");
        for (int i = langs.size() - 1; i >= 0; i--) {
            if (lang.equals(langs.get(i).asText())) {
                langs.remove(i);
            }
        }
        if (lang.equals(c.path("defaultLanguage").asText()) && !langs.isEmpty()) {
            c.put("defaultLanguage", langs.get(0).asText());
        }
        if (c.get("texts") instanceof ObjectNode texts) {
            texts.remove(lang);
        }
        if (c.get("links") instanceof ObjectNode links) {
            links.forEach(l -> {
                if (l instanceof ObjectNode o) {
                    o.remove(lang);
                }
            });
            if (links.get("imprint") instanceof ObjectNode imprint && imprint.isEmpty()) {
                links.remove("imprint");
            }
        }
        forEachLocalised(c, o -> o.remove(lang));
        if (c.get("integrations") instanceof ObjectNode) {
            // nothing per language there
        }
        return c;
    }

    private static void forEachLocalised(ObjectNode c, java.util.function.Consumer<ObjectNode> action) {
        for (JsonNode cat : c.path("categories")) {
            for (String f : List.of("title", "description")) {
                if (cat.get(f) instanceof ObjectNode o) {
                    action.accept(o);
                }
            }
        }
        for (JsonNode s : c.path("services")) {
            if (s.get("purpose") instanceof ObjectNode o) {
                action.accept(o);
            }
            for (JsonNode k : s.path("cookies")) {
                if (k.get("purpose") instanceof ObjectNode o) {
                    action.accept(o);
                }
            }
        }
    }
}
