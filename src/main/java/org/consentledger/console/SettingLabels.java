package org.consentledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The name of a changed setting as an operator reads it in the review (pure logic): the configuration path
 * {@code services › clarity › cookies › _clck › maxAge} becomes "Service “Microsoft Clarity” › Cookie “_clck” ›
 * Lifetime", in the console's language and in the editor's words. Categories, services and cookies are named by
 * their title or name in the newer configuration, else the older one (a removed item). A key this console does not
 * know is shown as words ("Setting “Show close button”"), never as the raw key.
 */
public final class SettingLabels {

    private static final String SEPARATOR = " › ";

    private final JsonNode before;
    private final JsonNode after;
    private final String lang;
    private final Locale locale;
    private final EditorMessages editor;
    private final OnboardingMessages words;
    private final CategoryTitles categories;

    public SettingLabels(JsonNode before, JsonNode after, String lang, EditorMessages editor, OnboardingMessages words) {
        this.before = before;
        this.after = after;
        this.lang = "de".equals(lang) ? "de" : "en";
        this.locale = Locale.forLanguageTag(this.lang);
        this.editor = editor;
        this.words = words;
        this.categories = CategoryTitles.of(List.of(after, before), this.lang);
    }

    /** The labels in {@code lang} with the console's message bundles. */
    public static SettingLabels of(JsonNode before, JsonNode after, String lang) {
        Localized.Literal language = Localized.Literal.of("de".equals(lang) ? "de" : "en");
        return new SettingLabels(before, after, lang, MessageBundles.get(EditorMessages.class, language),
                MessageBundles.get(OnboardingMessages.class, language));
    }

    /** The label of the setting at {@code path} (keys, and the id or name of a list's item). */
    public String of(List<String> path) {
        if (path.isEmpty()) {
            return words.setting_other("");
        }
        List<String> rest = path.subList(1, path.size());
        return switch (path.get(0)) {
            case "texts" -> texts(rest);
            case "categories" -> rest.isEmpty() ? editor.categories()
                    : join(category(rest.get(0)), categoryField(rest.subList(1, rest.size())));
            case "services" -> rest.isEmpty() ? editor.services()
                    : join(service(rest.get(0)), serviceField(rest.subList(1, rest.size())));
            case "links" -> links(rest);
            case "controller" -> join(editor.controller(), field(rest, this::controllerField));
            case "cookie" -> join(words.setting_consent_cookie(), field(rest, this::consentCookieField));
            case "languages" -> join(editor.languages(), other(rest));
            case "defaultLanguage" -> join(editor.default_language(), other(rest));
            case "integrations" -> integrations(rest);
            case "ui" -> join(words.setting_ui(),
                    field(rest, key -> "floatingButton".equals(key) ? words.setting_floating_button() : null));
            default -> other(path);
        };
    }

    private String texts(List<String> rest) {
        if (rest.isEmpty()) {
            return editor.texts();
        }
        return join(words.setting_texts(language(rest.get(0))), field(rest.subList(1, rest.size()), this::textField));
    }

    private String textField(String key) {
        return switch (key) {
            case "title" -> editor.text_title();
            case "body" -> editor.text_body();
            case "acceptAll" -> editor.text_acceptAll();
            case "rejectAll" -> editor.text_rejectAll();
            case "settings" -> editor.text_settings();
            case "save" -> editor.text_save();
            case "reopen" -> editor.text_reopen();
            default -> null;
        };
    }

    private String links(List<String> rest) {
        if (rest.isEmpty()) {
            return other(List.of("links"));
        }
        String link = switch (rest.get(0)) {
            case "privacyPolicy" -> editor.links_privacy();
            case "imprint" -> editor.links_imprint();
            default -> null;
        };
        return link == null ? other(rest) : inLanguage(link, rest.subList(1, rest.size()));
    }

    private String controllerField(String key) {
        return switch (key) {
            case "name" -> editor.controller_name();
            case "address" -> editor.controller_address();
            case "email" -> editor.controller_email();
            default -> null;
        };
    }

    private String consentCookieField(String key) {
        return switch (key) {
            case "name" -> editor.service_name();
            case "maxAgeDays" -> words.setting_days();
            case "domain" -> words.setting_domain();
            default -> null;
        };
    }

    private String category(String id) {
        return words.setting_category(categories.title(id));
    }

    private String categoryField(List<String> rest) {
        if (rest.isEmpty()) {
            return "";
        }
        return switch (rest.get(0)) {
            case "title" -> inLanguage(editor.category_title(), rest.subList(1, rest.size()));
            case "description" -> inLanguage(editor.category_description(), rest.subList(1, rest.size()));
            default -> field(rest, key -> switch (key) {
                case "id" -> words.setting_id();
                case "required" -> editor.category_required();
                case "gpcOptOut" -> editor.category_gpc();
                default -> null;
            });
        };
    }

    private String service(String id) {
        return words.setting_service(itemName("services", "id", id));
    }

    private String serviceField(List<String> rest) {
        if (rest.isEmpty()) {
            return "";
        }
        List<String> more = rest.subList(1, rest.size());
        return switch (rest.get(0)) {
            case "purpose" -> inLanguage(editor.service_purpose(), more);
            case "description" -> inLanguage(editor.category_description(), more);
            case "cookies" -> more.isEmpty() ? editor.cookies()
                    : join(words.setting_cookie(more.get(0)), cookieField(more.subList(1, more.size())));
            case "integrations" -> field(more, key -> "clarity".equals(key) ? words.setting_clarity() : null);
            default -> field(rest, key -> switch (key) {
                case "id" -> words.setting_id();
                case "name" -> editor.service_name();
                case "provider" -> editor.service_provider();
                case "category" -> editor.service_category();
                case "legalBasis" -> editor.service_basis();
                case "thirdCountryTransfer" -> editor.service_country();
                case "privacyPolicyUrl" -> editor.service_privacy();
                default -> null;
            });
        };
    }

    private String cookieField(List<String> rest) {
        if (!rest.isEmpty() && "purpose".equals(rest.get(0))) {
            return inLanguage(editor.cookie_purpose(), rest.subList(1, rest.size()));
        }
        return field(rest, key -> switch (key) {
            case "name" -> editor.service_name();
            case "maxAge" -> editor.cookie_lifetime();
            case "thirdParty" -> editor.cookie_party();
            case "domain" -> words.setting_domain();
            case "path" -> words.setting_path();
            default -> null;
        });
    }

    private String integrations(List<String> rest) {
        if (rest.size() == 2 && "googleConsentMode".equals(rest.get(0))) {
            return join(category(rest.get(1)), editor.consent_mode());
        }
        return other(rest.isEmpty() ? List.of("integrations") : rest);
    }

    /** The first key by the {@code known} table (null: not known), the keys below it as words. */
    private String field(List<String> rest, Function<String, String> known) {
        if (rest.isEmpty()) {
            return "";
        }
        String label = known.apply(rest.get(0));
        return label == null ? other(rest) : join(label, other(rest.subList(1, rest.size())));
    }

    /** "Description (English)": a text given per language. */
    private String inLanguage(String label, List<String> rest) {
        if (rest.isEmpty()) {
            return label;
        }
        if (rest.size() == 1) {
            return label + " (" + language(rest.get(0)) + ")";
        }
        return join(label, other(rest));
    }

    /** The title (lang, else English, German, any) or name of the item with that id in the newer, else the older config. */
    private String itemName(String list, String keyField, String key) {
        for (JsonNode config : List.of(after, before)) {
            for (JsonNode item : config.path(list)) {
                if (key.equals(item.path(keyField).asText(null))) {
                    String name = CategoryTitles.title(item.path("name"), lang, "");
                    if (!name.isBlank()) {
                        return name.strip();
                    }
                }
            }
        }
        return key;
    }

    private String language(String code) {
        String name = Locale.forLanguageTag(code).getDisplayLanguage(locale);
        return name.isBlank() ? code : name;
    }

    /** Keys this console has no words for, each in words: {@code showCloseButton} → "Setting “Show close button”". */
    private String other(List<String> keys) {
        return keys.isEmpty() ? "" : words.setting_other(words(keys));
    }

    static String words(List<String> keys) {
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            String spaced = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').replace('-', ' ').strip()
                    .toLowerCase(Locale.ROOT);
            out.add(spaced.isEmpty() ? key : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1));
        }
        return String.join(SEPARATOR, out);
    }

    private static String join(String head, String tail) {
        return tail.isEmpty() ? head : head + SEPARATOR + tail;
    }
}
