package org.consentledger.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.consentledger.platform.Problem.FieldError;

import java.net.URI;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a banner configuration (DESIGN section 5) before it is published. Pure: no framework, no I/O.
 * Every problem names the offending field as a path such as {@code services[0].cookies[1].maxAge}.
 */
public final class ConfigValidator {

    public static final int MAX_CONFIG_BYTES = 256 * 1024;
    public static final int MAX_TEXT_LENGTH = 5_000;
    static final Set<String> TOP_LEVEL_KEYS = Set.of("cookie", "defaultLanguage", "languages", "links", "categories",
            "services", "integrations", "texts", "controller", "ui");
    static final Set<String> REQUIRED_TEXTS = Set.of("title", "body", "acceptAll", "rejectAll", "settings");
    static final Set<String> LEGAL_BASES = Set.of("consent", "legitimate-interest", "contract", "legal-obligation");
    static final Set<String> CONSENT_MODE_TYPES = Set.of("ad_storage", "analytics_storage", "ad_user_data",
            "ad_personalization", "functionality_storage", "personalization_storage", "security_storage");
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    private static final Pattern COOKIE_NAME = Pattern.compile("[A-Za-z0-9_.\\-*]{1,128}");
    /** One DNS label (no nesting: a host is checked label by label, never by one repeated group). */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9-]{1,63}");
    private static final Pattern TLD = Pattern.compile("[a-z]{2,63}");
    /** Longest cookie lifetime we accept (Chrome caps at 400 days; CNIL recommends 13 months). */
    static final Duration MAX_COOKIE_AGE = Duration.ofDays(731);

    private final List<FieldError> errors = new ArrayList<>();
    private List<String> languages = List.of();

    private ConfigValidator() {
    }

    /** Returns all problems of {@code config}; empty when it may be published. */
    public static List<FieldError> validate(JsonNode config) {
        ConfigValidator v = new ConfigValidator();
        v.check(config);
        return v.errors;
    }

    private void check(JsonNode config) {
        if (config == null || !config.isObject()) {
            error("", "not_object", "the configuration must be a JSON object");
            return;
        }
        if (config.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_CONFIG_BYTES) {
            error("", "too_large", "the configuration is larger than " + MAX_CONFIG_BYTES / 1024 + " KB", String.valueOf(MAX_CONFIG_BYTES / 1024));
            return;
        }
        config.fieldNames().forEachRemaining(name -> {
            if (!TOP_LEVEL_KEYS.contains(name)) {
                error(name, "unknown_field", "unknown field");
            }
        });
        checkLanguages(config);
        checkCookie(config.path("cookie"));
        checkLinks(config.path("links"));
        Set<String> categories = checkCategories(config.path("categories"));
        Set<String> services = checkServices(config.path("services"), categories, config.path("categories"));
        checkTexts(config.path("texts"));
        checkIntegrations(config.path("integrations"), categories);
        checkController(config.path("controller"));
        checkUi(config.path("ui"));
        if (services.isEmpty() && !config.path("services").isArray()) {
            error("services", "services_required", "required: a list of services (may be empty)");
        }
    }

    private void checkLanguages(JsonNode config) {
        JsonNode langs = config.path("languages");
        if (!langs.isArray() || langs.isEmpty()) {
            error("languages", "languages_required", "required: a non-empty list of ISO 639-1 language codes");
        } else {
            List<String> list = new ArrayList<>();
            for (int i = 0; i < langs.size(); i++) {
                String lang = langs.get(i).asText("");
                if (!langs.get(i).isTextual() || !LANGUAGE.matcher(lang).matches()) {
                    error("languages[" + i + "]", "language_code", "must be a two-letter lower-case language code");
                } else if (list.contains(lang)) {
                    error("languages[" + i + "]", "duplicate_language", "duplicate language " + lang, lang);
                } else {
                    list.add(lang);
                }
            }
            if (list.size() > 30) {
                error("languages", "too_many", "at most 30 languages", "30");
            }
            languages = list;
        }
        JsonNode def = config.path("defaultLanguage");
        if (!def.isTextual()) {
            error("defaultLanguage", "required", "required");
        } else if (!languages.contains(def.asText())) {
            error("defaultLanguage", "default_language", "must be one of languages");
        }
    }

    private void checkCookie(JsonNode cookie) {
        if (!cookie.isObject()) {
            error("cookie", "cookie_required", "required: {name, maxAgeDays, domain}");
            return;
        }
        if (!cookie.path("name").isTextual() || !COOKIE_NAME.matcher(cookie.path("name").asText()).matches()
                || cookie.path("name").asText().contains("*")) {
            error("cookie.name", "consent_cookie_name", "required: a cookie name of letters, digits, '_', '-' or '.'");
        }
        JsonNode maxAge = cookie.path("maxAgeDays");
        if (!maxAge.isInt() || maxAge.asInt() < 1 || maxAge.asInt() > 395) {
            error("cookie.maxAgeDays", "consent_cookie_days", "required: whole days between 1 and 395 (13 months)");
        }
        JsonNode domain = cookie.path("domain");
        if (!domain.isMissingNode() && !domain.isNull()
                && (!domain.isTextual() || !isCookieDomain(domain.asText()))) {
            error("cookie.domain", "consent_cookie_domain", "must be null or a domain such as example.com");
        }
    }

    /**
     * A cookie domain such as {@code example.com} or {@code .example.com}: at most 253 characters (checked before any
     * matching), labels of letters, digits and '-', a letter-only top-level label. Linear in the input.
     */
    static boolean isCookieDomain(String value) {
        if (value == null || value.isEmpty() || value.length() > 254) {
            return false;
        }
        String host = value.startsWith(".") ? value.substring(1) : value;
        if (host.length() > 253 || host.endsWith(".")) {
            return false;
        }
        String[] labels = host.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (int i = 0; i < labels.length - 1; i++) {
            if (!LABEL.matcher(labels[i]).matches()) {
                return false;
            }
        }
        return TLD.matcher(labels[labels.length - 1]).matches();
    }

    /**
     * A third-party cookie's domain such as {@code clarity.ms} or {@code .clarity.ms}: two or more labels of letters,
     * digits and '-'; at most 253 characters, checked label by label (the former single pattern with a repeated group
     * overflowed the stack on a long input).
     */
    static boolean isServiceCookieDomain(String value) {
        if (value == null || value.isEmpty() || value.length() > 254) {
            return false;
        }
        String host = value.startsWith(".") ? value.substring(1) : value;
        String[] labels = host.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private void checkLinks(JsonNode links) {
        if (!links.isObject()) {
            error("links", "links_required", "required: privacyPolicy (and imprint) per language");
            return;
        }
        links.fieldNames().forEachRemaining(name -> {
            if (!Set.of("privacyPolicy", "imprint").contains(name)) {
                error("links." + name, "unknown_link", "unknown link; use privacyPolicy or imprint");
            }
        });
        JsonNode privacy = links.path("privacyPolicy");
        if (!privacy.isObject()) {
            error("links.privacyPolicy", "url_per_language", "required: a URL per language");
        } else {
            checkLocalisedUrls("links.privacyPolicy", privacy, true);
        }
        JsonNode imprint = links.path("imprint");
        if (!imprint.isMissingNode()) {
            if (!imprint.isObject()) {
                error("links.imprint", "url_per_language", "must be a URL per language");
            } else {
                checkLocalisedUrls("links.imprint", imprint, false);
            }
        }
    }

    private void checkLocalisedUrls(String path, JsonNode urls, boolean everyLanguage) {
        urls.fieldNames().forEachRemaining(lang -> {
            if (!languages.contains(lang)) {
                error(path + "." + lang, "undeclared_language", "language not declared in languages", lang);
            }
            checkUrl(path + "." + lang, urls.get(lang), true);
        });
        if (everyLanguage) {
            for (String lang : languages) {
                if (!urls.has(lang)) {
                    error(path + "." + lang, "missing_url", "missing URL for language " + lang, lang);
                }
            }
        } else if (!urls.isEmpty() && languages.stream().noneMatch(urls::has)) {
            error(path, "url_one_language", "needs a URL for at least one declared language");
        }
    }

    private Set<String> checkCategories(JsonNode categories) {
        Set<String> ids = new HashSet<>();
        if (!categories.isArray() || categories.isEmpty()) {
            error("categories", "categories_required", "required: a non-empty list of categories");
            return ids;
        }
        if (categories.size() > 50) {
            error("categories", "too_many", "at most 50 categories", "50");
        }
        int required = 0;
        for (int i = 0; i < categories.size(); i++) {
            JsonNode c = categories.get(i);
            String path = "categories[" + i + "]";
            if (!c.isObject()) {
                error(path, "not_object_entry", "must be an object");
                continue;
            }
            String id = c.path("id").asText("");
            if (!c.path("id").isTextual() || !ID.matcher(id).matches()) {
                error(path + ".id", "id_format", "required: lower-case letters, digits, '_' or '-', starting with a letter");
            } else if (!ids.add(id)) {
                error(path + ".id", "duplicate_id", "duplicate category id " + id, id);
            }
            JsonNode req = c.path("required");
            if (!req.isMissingNode() && !req.isBoolean()) {
                error(path + ".required", "yes_no", "must be true or false");
            }
            if (req.asBoolean(false)) {
                required++;
                if (!"essential".equals(id)) {
                    error(path + ".required", "only_essential_required", "only the essential category may be required");
                }
            } else if ("essential".equals(id)) {
                error(path + ".required", "essential_required", "the essential category must be required");
            }
            JsonNode gpc = c.path("gpcOptOut");
            if (!gpc.isMissingNode() && !gpc.isBoolean()) {
                error(path + ".gpcOptOut", "yes_no", "must be true or false");
            }
            checkLocalisedText(path + ".title", c.path("title"), 200);
            checkLocalisedText(path + ".description", c.path("description"), MAX_TEXT_LENGTH);
        }
        if (required != 1 || !ids.contains("essential")) {
            error("categories", "essential_missing", "exactly one required category with id 'essential' is needed");
        }
        return ids;
    }

    private Set<String> checkServices(JsonNode services, Set<String> categoryIds, JsonNode categories) {
        Set<String> ids = new HashSet<>();
        if (!services.isArray()) {
            return ids;
        }
        if (services.size() > 200) {
            error("services", "too_many", "at most 200 services", "200");
        }
        for (int i = 0; i < services.size(); i++) {
            JsonNode s = services.get(i);
            String path = "services[" + i + "]";
            if (!s.isObject()) {
                error(path, "not_object_entry", "must be an object");
                continue;
            }
            String id = s.path("id").asText("");
            if (!s.path("id").isTextual() || !ID.matcher(id).matches()) {
                error(path + ".id", "id_format", "required: lower-case letters, digits, '_' or '-', starting with a letter");
            } else if (!ids.add(id)) {
                error(path + ".id", "duplicate_id", "duplicate service id " + id, id);
            }
            String category = s.path("category").asText("");
            if (!categoryIds.contains(category)) {
                error(path + ".category", "unknown_category", "must reference a declared category");
            }
            boolean essential = "essential".equals(category);
            checkShortText(path + ".name", s.path("name"), 200, true);
            checkShortText(path + ".provider", s.path("provider"), 500, !essential);
            String basis = s.path("legalBasis").asText("");
            if (!LEGAL_BASES.contains(basis)) {
                error(path + ".legalBasis", "legal_basis", "required: one of " + String.join(", ", new java.util.TreeSet<>(LEGAL_BASES)));
            } else if (!essential && "contract".equals(basis)) {
                error(path + ".legalBasis", "legal_basis_contract", "non-essential services rely on consent or legitimate interest");
            }
            if (!s.path("purpose").isMissingNode() || !essential) {
                checkLocalisedText(path + ".purpose", s.path("purpose"), MAX_TEXT_LENGTH);
            }
            JsonNode transfer = s.path("thirdCountryTransfer");
            if (!transfer.isMissingNode() && !transfer.isNull()) {
                checkShortText(path + ".thirdCountryTransfer", transfer, 300, true);
            }
            // the provider's privacy policy is optional (not every provider has one page for it); checked when given
            JsonNode privacy = s.path("privacyPolicyUrl");
            if (!privacy.isMissingNode()) {
                checkUrl(path + ".privacyPolicyUrl", privacy, true);
            }
            checkCookies(path, s.path("cookies"), !essential);
            JsonNode integrations = s.path("integrations");
            if (!integrations.isMissingNode() && !integrations.isObject()) {
                error(path + ".integrations", "not_object_entry", "must be an object");
            }
        }
        return ids;
    }

    private void checkCookies(String servicePath, JsonNode cookies, boolean strict) {
        if (cookies.isMissingNode()) {
            return;
        }
        if (!cookies.isArray()) {
            error(servicePath + ".cookies", "not_list", "must be a list");
            return;
        }
        if (cookies.size() > 100) {
            error(servicePath + ".cookies", "too_many", "at most 100 cookies per service", "100");
        }
        for (int j = 0; j < cookies.size(); j++) {
            JsonNode cookie = cookies.get(j);
            String path = servicePath + ".cookies[" + j + "]";
            if (!cookie.path("name").isTextual() || !COOKIE_NAME.matcher(cookie.path("name").asText()).matches()) {
                error(path + ".name", "cookie_name", "required: a cookie name (a trailing * marks a prefix such as _ga_*)");
            }
            JsonNode maxAge = cookie.path("maxAge");
            if (maxAge.isMissingNode() && !strict) {
                continue;
            }
            String problem = maxAgeProblem(maxAge);
            if (problem != null) {
                error(path + ".maxAge", codeOf(problem), problem);
            }
            if (!cookie.path("purpose").isMissingNode()) {
                checkLocalisedText(path + ".purpose", cookie.path("purpose"), 1000);
            }
            JsonNode third = cookie.path("thirdParty");
            if (!third.isMissingNode() && !third.isBoolean()) {
                error(path + ".thirdParty", "third_party", "must be true or false (a cookie on the provider's domain)");
            }
            JsonNode domain = cookie.path("domain");
            if (!domain.isMissingNode() && !domain.isNull()
                    && !(domain.isTextual() && isServiceCookieDomain(domain.asText()))) {
                error(path + ".domain", "cookie_domain", "must be a domain such as clarity.ms");
            }
            JsonNode cookiePath = cookie.path("path");
            if (!cookiePath.isMissingNode() && !(cookiePath.isTextual() && cookiePath.asText().matches("/[!-~]{0,200}"))) {
                error(path + ".path", "cookie_path", "must be a cookie path starting with /");
            }
        }
    }

    /** A cookie lifetime: "session" or an ISO-8601 period/duration between one second and two years. */
    static String maxAgeProblem(JsonNode maxAge) {
        if (!maxAge.isTextual()) {
            return "required: \"session\" or an ISO-8601 duration such as P1Y, P1D or PT30M";
        }
        String text = maxAge.asText();
        if ("session".equals(text)) {
            return null;
        }
        Duration duration;
        try {
            if (text.contains("T")) {
                duration = Duration.parse(text);
            } else {
                Period period = Period.parse(text);
                duration = Duration.ofDays(period.getYears() * 365L + period.getMonths() * 31L + period.getDays());
            }
        } catch (DateTimeParseException e) {
            return "not an ISO-8601 duration such as P1Y, P1D or PT30M";
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_COOKIE_AGE) > 0) {
            return "must be longer than zero and at most two years";
        }
        return null;
    }

    private void checkTexts(JsonNode texts) {
        if (!texts.isObject()) {
            error("texts", "texts_required", "required: the banner texts per language");
            return;
        }
        texts.fieldNames().forEachRemaining(lang -> {
            if (!languages.contains(lang)) {
                error("texts." + lang, "undeclared_language", "language not declared in languages", lang);
            }
        });
        for (String lang : languages) {
            JsonNode t = texts.path(lang);
            if (!t.isObject()) {
                error("texts." + lang, "missing_texts", "missing texts for language " + lang, lang);
                continue;
            }
            for (String key : new java.util.TreeSet<>(REQUIRED_TEXTS)) {
                checkShortText("texts." + lang + "." + key, t.path(key), MAX_TEXT_LENGTH, true);
            }
            for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!REQUIRED_TEXTS.contains(key)) {
                    checkShortText("texts." + lang + "." + key, t.path(key), MAX_TEXT_LENGTH, true);
                }
            }
        }
    }

    private void checkIntegrations(JsonNode integrations, Set<String> categories) {
        if (integrations.isMissingNode()) {
            return;
        }
        if (!integrations.isObject()) {
            error("integrations", "not_object_entry", "must be an object");
            return;
        }
        JsonNode gcm = integrations.path("googleConsentMode");
        if (gcm.isMissingNode()) {
            return;
        }
        if (!gcm.isObject()) {
            error("integrations.googleConsentMode", "consent_mode_map", "must map category ids to consent types");
            return;
        }
        gcm.fieldNames().forEachRemaining(category -> {
            String path = "integrations.googleConsentMode." + category;
            if (!categories.contains(category)) {
                error(path, "unknown_category", "must be a declared category");
            }
            JsonNode types = gcm.get(category);
            if (!types.isArray()) {
                error(path, "consent_mode_list", "must be a list of consent types");
                return;
            }
            for (int i = 0; i < types.size(); i++) {
                if (!CONSENT_MODE_TYPES.contains(types.get(i).asText())) {
                    error(path + "[" + i + "]", "consent_mode_type", "unknown Google Consent Mode type");
                }
            }
        });
    }

    private void checkController(JsonNode controller) {
        if (controller.isMissingNode()) {
            return;
        }
        if (!controller.isObject()) {
            error("controller", "controller_object", "must be an object {name, address, email}");
            return;
        }
        checkShortText("controller.name", controller.path("name"), 300, true);
        for (String key : List.of("address", "email")) {
            if (!controller.path(key).isMissingNode()) {
                checkShortText("controller." + key, controller.path(key), 500, true);
            }
        }
    }

    private void checkUi(JsonNode ui) {
        if (ui.isMissingNode()) {
            return;
        }
        if (!ui.isObject()) {
            error("ui", "not_object_entry", "must be an object");
            return;
        }
        ui.fields().forEachRemaining(e -> {
            JsonNode value = e.getValue();
            if (!(value.isBoolean() || value.isNumber() || (value.isTextual() && value.asText().length() <= 100))) {
                error("ui." + e.getKey(), "ui_value", "must be a boolean, number or short text");
            }
        });
    }

    private void checkLocalisedText(String path, JsonNode text, int maxLength) {
        if (!text.isObject()) {
            error(path, "text_per_language", "required: a text per language, e.g. {\"de\": \"…\", \"en\": \"…\"}");
            return;
        }
        for (String lang : languages) {
            checkShortText(path + "." + lang, text.path(lang), maxLength, true);
        }
        text.fieldNames().forEachRemaining(lang -> {
            if (!languages.contains(lang)) {
                error(path + "." + lang, "undeclared_language", "language not declared in languages", lang);
            }
        });
    }

    private void checkShortText(String path, JsonNode text, int maxLength, boolean required) {
        if (text.isMissingNode() || text.isNull()) {
            if (required) {
                error(path, "required", "required");
            }
            return;
        }
        if (!text.isTextual() || text.asText().isBlank()) {
            error(path, "text_blank", "must be a non-empty text");
        } else if (text.asText().length() > maxLength) {
            error(path, "too_long", "at most " + maxLength + " characters", String.valueOf(maxLength));
        }
    }

    private void checkUrl(String path, JsonNode url, boolean required) {
        if (url.isMissingNode() || url.isNull()) {
            if (required) {
                error(path, "url_required", "required: an https URL");
            }
            return;
        }
        String problem = urlProblem(url.asText(""));
        if (!url.isTextual() || problem != null) {
            error(path, problem == null ? "url_format" : codeOf(problem), problem == null ? "must be a URL" : problem);
        }
    }

    static String urlProblem(String value) {
        if (value.length() > 2048) {
            return "at most 2048 characters";
        }
        try {
            URI uri = new URI(value);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                return "must be an absolute http(s) URL";
            }
            return null;
        } catch (Exception e) {
            return "must be an absolute http(s) URL";
        }
    }

    /** The code of a problem text returned by {@link #maxAgeProblem} or {@link #urlProblem}. */
    private static String codeOf(String problem) {
        if (problem.startsWith("required: \"session\"")) {
            return "max_age_type";
        }
        if (problem.startsWith("not an ISO-8601")) {
            return "max_age_format";
        }
        if (problem.startsWith("must be longer than zero")) {
            return "max_age_range";
        }
        if (problem.startsWith("at most 2048")) {
            return "url_too_long";
        }
        return "url_format";
    }

    private void error(String field, String code, String message, String... args) {
        errors.add(new FieldError(field, message, code, List.of(args)));
    }
}
