package org.consentledger.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the structured banner editor (English; German in {@code messages/ed_de.properties}); {@code ed:key}.
 */
@MessageBundle(value = "ed", locale = "en")
public interface EditorMessages {

    @Message("Drafts are kept until you publish or discard them.")
    String draft_kept();

    @Message("An unpublished draft of this site saved {when} by {who} is kept.")
    String open_draft(String when, String who);

    @Message("Continue the draft")
    String continue_draft();

    @Message("Discard draft")
    String discard_draft();

    @Message("The draft was discarded.")
    String discarded();

    @Message("Save draft")
    String save();

    @Message("{#if count == 1}1 field needs a correction{#else}{count} fields need a correction{/if}")
    String summary(int count);

    @Message("Fill in the new fields, then save the draft.")
    String pending();

    @Message("{#if count == 1}1 correction{#else}{count} corrections{/if}")
    String entry_errors(int count);

    @Message("Please fill in this field.")
    String js_required();

    @Message("A language is given as two lower-case letters, e.g. fr.")
    String problem_language_invalid();

    @Message("The banner already has this language.")
    String problem_language_exists();

    @Message("The banner needs at least one language.")
    String problem_language_last();

    @Message("The form could not be read (it was changed outside the console). Nothing was saved:")
    String form_problem();

    @Message("no such field")
    String no_such_field();

    @Message("Languages")
    String languages();

    @Message("The banner is shown in the visitor's browser language if it is one of these, otherwise in the default language.")
    String languages_help();

    @Message("Default language")
    String default_language();

    @Message("Remove {name}")
    String remove_language(String name);

    @Message("Add a language (two-letter code, e.g. fr)")
    String new_language();

    @Message("Add language")
    String add_language();

    @Message("Banner texts")
    String texts();

    @Message("Every language side by side. Optional texts left empty use the built-in wording.")
    String texts_help();

    @Message("optional")
    String optional();

    @Message("Heading")
    String text_title();

    @Message("Main text")
    String text_body();

    @Message("Button: accept all")
    String text_acceptAll();

    @Message("Button: reject all")
    String text_rejectAll();

    @Message("Button: settings")
    String text_settings();

    @Message("Button: save choice")
    String text_save();

    @Message("Footer link: cookie settings")
    String text_reopen();

    @Message("Link to your privacy policy")
    String links_privacy();

    @Message("Link to your imprint")
    String links_imprint();

    @Message("Who is responsible (controller)")
    String controller();

    @Message("Name")
    String controller_name();

    @Message("Address")
    String controller_address();

    @Message("E-mail")
    String controller_email();

    @Message("Categories")
    String categories();

    @Message("Visitors agree or refuse per category. Exactly one category, \"essential\", is always on.")
    String categories_help();

    @Message("Title")
    String category_title();

    @Message("Description")
    String category_description();

    @Message("Always on (visitors cannot refuse it)")
    String category_required();

    @Message("Refuse automatically when the browser sends Global Privacy Control")
    String category_gpc();

    @Message("Technical id (lower-case letters, digits, - or _)")
    String category_id();

    @Message("Google Consent Mode: signals granted with this category")
    String consent_mode();

    @Message("always on")
    String always_on();

    @Message("Add category")
    String add_category();

    @Message("Add service")
    String add_service();

    @Message("Add cookie")
    String add_cookie();

    @Message("Remove")
    String remove();

    @Message("Move up")
    String move_up();

    @Message("Move down")
    String move_down();

    @Message("Remove {name}")
    String remove_named(String name);

    @Message("Move {name} up")
    String move_up_named(String name);

    @Message("Move {name} down")
    String move_down_named(String name);

    @Message("Services")
    String services();

    @Message("Every tool that sets cookies or receives visitor data, with its cookies.")
    String services_help();

    @Message("Name")
    String service_name();

    @Message("Provider (company and address)")
    String service_provider();

    @Message("Category")
    String service_category();

    @Message("Legal basis")
    String service_basis();

    @Message("Purpose")
    String service_purpose();

    @Message("Data transferred to (outside the EU/EEA)")
    String service_country();

    @Message("Safeguard for the transfer")
    String service_mechanism();

    @Message("Provider's privacy policy (link)")
    String service_privacy();

    @Message("This is Microsoft Clarity: pass the visitor's choice on to Clarity")
    String service_clarity();

    @Message("Technical id (lower-case letters, digits, - or _)")
    String service_id();

    @Message("Please choose")
    String choose();

    @Message("Consent")
    String basis_consent();

    @Message("Legitimate interest")
    String basis_legitimate_interest();

    @Message("Contract (needed to provide what the visitor asked for)")
    String basis_contract();

    @Message("Legal obligation")
    String basis_legal_obligation();

    @Message("No transfer (EU/EEA only)")
    String country_none();

    @Message("Worldwide")
    String country_world();

    @Message("Not specified")
    String mechanism_none();

    @Message("EU-US Data Privacy Framework")
    String mechanism_dpf();

    @Message("Adequacy decision of the EU Commission")
    String mechanism_adequacy();

    @Message("Standard contractual clauses")
    String mechanism_scc();

    @Message("Binding corporate rules")
    String mechanism_bcr();

    @Message("Consent (Art. 49(1)(a) GDPR)")
    String mechanism_consent();

    @Message("Cookies")
    String cookies();

    @Message("Cookie name (a trailing * matches a prefix, e.g. _ga_*)")
    String cookie_name();

    @Message("Domain (e.g. clarity.ms)")
    String cookie_domain();

    @Message("Path (e.g. /)")
    String cookie_path();

    @Message("Set by")
    String cookie_party();

    @Message("this website (first-party)")
    String party_first();

    @Message("the provider's domain (third-party)")
    String party_third();

    @Message("Lifetime")
    String cookie_lifetime();

    @Message("Lifetime: number")
    String cookie_amount();

    @Message("Lifetime: unit")
    String cookie_unit();

    @Message("Purpose")
    String cookie_purpose();

    @Message("New cookie")
    String cookie_new();

    @Message("until the browser is closed (session)")
    String unit_session();

    @Message("seconds")
    String unit_seconds();

    @Message("minutes")
    String unit_minutes();

    @Message("hours")
    String unit_hours();

    @Message("days")
    String unit_days();

    @Message("months")
    String unit_months();

    @Message("years")
    String unit_years();

    @Message("as written (ISO 8601)")
    String unit_iso();
}
