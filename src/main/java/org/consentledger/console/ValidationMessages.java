package org.consentledger.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Validation messages shown in the console, one per rule code of {@link org.consentledger.config.ConfigValidator}
 * (the method name is the code) and of the console's own forms (English; German in
 * {@code messages/val_de.properties}). The API keeps its English {@code message}; the console translates
 * {@code code} at display ({@link FieldErrorText}).
 */
@MessageBundle(value = "val", locale = "en")
public interface ValidationMessages {

    @Message("This is not a banner configuration (a JSON object is needed).")
    String not_object();

    @Message("The configuration is larger than {kb} KB.")
    String too_large(String kb);

    @Message("This field is not part of a banner configuration.")
    String unknown_field();

    @Message("A list of services is needed (it may be empty).")
    String services_required();

    @Message("At least one language is needed.")
    String languages_required();

    @Message("Use a two-letter language code in lower case, such as de or en.")
    String language_code();

    @Message("The language {lang} is listed twice.")
    String duplicate_language(String lang);

    @Message("At most {n} entries.")
    String too_many(String n);

    @Message("Required.")
    String required();

    @Message("The default language must be one of the banner's languages.")
    String default_language();

    @Message("The consent cookie needs a name and a lifetime.")
    String cookie_required();

    @Message("Use letters, digits, _, - or . for the cookie name.")
    String consent_cookie_name();

    @Message("Enter whole days between 1 and 395 (13 months).")
    String consent_cookie_days();

    @Message("Leave empty or enter a domain such as example.com.")
    String consent_cookie_domain();

    @Message("A privacy policy link per language is needed.")
    String links_required();

    @Message("Only the privacy policy and the imprint can be linked.")
    String unknown_link();

    @Message("Enter one address per language.")
    String url_per_language();

    @Message("The language {lang} is not one of the banner's languages.")
    String undeclared_language(String lang);

    @Message("The address for {lang} is missing.")
    String missing_url(String lang);

    @Message("Enter an address for at least one of the banner's languages.")
    String url_one_language();

    @Message("At least one category is needed.")
    String categories_required();

    @Message("This entry is not in the expected form.")
    String not_object_entry();

    @Message("Use lower-case letters, digits, _ or -, starting with a letter.")
    String id_format();

    @Message("The id {id} is used twice.")
    String duplicate_id(String id);

    @Message("Choose yes or no.")
    String yes_no();

    @Message("Only the essential category can be required.")
    String only_essential_required();

    @Message("The essential category is always required.")
    String essential_required();

    @Message("Exactly one required category with the id essential is needed.")
    String essential_missing();

    @Message("Choose a category of this banner.")
    String unknown_category();

    @Message("Choose a legal basis: consent, legitimate interest, contract or legal obligation.")
    String legal_basis();

    @Message("A service that is not essential relies on consent or legitimate interest.")
    String legal_basis_contract();

    @Message("A list is needed here.")
    String not_list();

    @Message("Enter the cookie name (a trailing * marks a prefix, such as _ga_*).")
    String cookie_name();

    @Message("Enter a lifetime, or \"session\".")
    String max_age_type();

    @Message("This lifetime is not understood; enter for example 1 year, 30 days or 30 minutes.")
    String max_age_format();

    @Message("A lifetime must be longer than zero and at most two years.")
    String max_age_range();

    @Message("Choose whether the cookie is set on the provider's domain.")
    String third_party();

    @Message("Enter a domain such as clarity.ms.")
    String cookie_domain();

    @Message("Enter a cookie path starting with /.")
    String cookie_path();

    @Message("The banner texts per language are missing.")
    String texts_required();

    @Message("The banner texts for {lang} are missing.")
    String missing_texts(String lang);

    @Message("Google Consent Mode needs a mapping from categories to consent types.")
    String consent_mode_map();

    @Message("Choose one or more Google consent types.")
    String consent_mode_list();

    @Message("This is not a Google Consent Mode type.")
    String consent_mode_type();

    @Message("The controller needs a name (address and e-mail are optional).")
    String controller_object();

    @Message("Use yes/no, a number or a short text.")
    String ui_value();

    @Message("A text per language is needed.")
    String text_per_language();

    @Message("Enter a text.")
    String text_blank();

    @Message("At most {n} characters.")
    String too_long(String n);

    @Message("Enter an address starting with https://.")
    String url_required();

    @Message("Enter a full address starting with https:// or http://.")
    String url_format();

    @Message("At most 2048 characters.")
    String url_too_long();

    @Message("The JSON view does not contain a JSON object.")
    String json_not_object();

    @Message("The form contained a field that does not exist.")
    String no_such_field();

    @Message("The form did not match the page; reload the editor.")
    String form_mismatch();

    @Message("Enter a whole number of days.")
    String whole_days();

    @Message("The origin {origin} is not valid: use scheme, host and port only, such as https://www.example.com.")
    String origin_invalid(String origin);

    @Message("At most 50 origins.")
    String origins_many();

    @Message("Enter a number of days between {floor} and 3650.")
    String retention_range(String floor);

    @Message("Please check this value.")
    String invalid_value();
}
