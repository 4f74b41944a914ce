package org.consentledger.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Console texts of onboarding, installation, publish review and rollback (English; German in
 * {@code messages/cl_de.properties}). Templates use {@code cl:key}. A second bundle next to {@link ConsoleMessages}:
 * Quarkus 3.33 fails on a bundle interface with more than ~300 messages.
 */
@MessageBundle(value = "cl", locale = "en")
public interface OnboardingMessages {

    @Message("Add site")
    String add_site();

    @Message("Welcome: add your first website")
    String empty_title();

    @Message("Four steps to a published consent banner:")
    String empty_intro();

    @Message("Add the website: its name, its address and the languages of the banner.")
    String empty_step1();

    @Message("Paste the banner tag shown on the Install page into every page of the website.")
    String empty_step2();

    @Message("Open the website: the Install page then says that the banner was seen.")
    String empty_step3();

    @Message("Adjust texts, services and cookies in the banner editor, review the changes and publish.")
    String empty_step4();

    @Message("No website is assigned to your account yet. Ask an administrator to add one or to give you access.")
    String empty_not_admin();

    @Message("Add a website")
    String new_site_title();

    @Message("Name of the website")
    String site_name();

    @Message("Shown in the console and as the controller in the banner, e.g. \"Bakery Miller\".")
    String site_name_help();

    @Message("Site key")
    String site_key_label();

    @Message("Part of the banner tag; lower-case letters, digits and dashes, 3 to 64 characters. Suggested from the name; cannot be changed later.")
    String site_key_help();

    @Message("Addresses of the website (one per line)")
    String origins_label();

    @Message("Only these origins may show the banner and record decisions. An origin is scheme and host without a path, e.g. https://example.com. www.example.com is a different origin than example.com, and a port is part of the origin: add both if the site answers on both; http://localhost:* allows every port.")
    String origins_help();

    @Message("Languages of the banner")
    String languages_label();

    @Message("German")
    String lang_de();

    @Message("English")
    String lang_en();

    @Message("Start with")
    String template_label();

    @Message("Essential cookies and analytics with Microsoft Clarity (recommended; you can change everything later)")
    String template_starter();

    @Message("A copy of another website's published banner")
    String template_copy();

    @Message("Nothing (the banner stays off until a configuration is published)")
    String template_none();

    @Message("Website to copy")
    String copy_from_label();

    @Message("Add website")
    String create_site();

    @Message("Cancel")
    String cancel();

    @Message("Please correct the marked fields.")
    String form_has_errors();

    @Message("Please enter a name (at most 200 characters).")
    String err_name();

    @Message("3 to 64 characters: lower-case letters, digits and dashes, not starting or ending with a dash.")
    String err_site_key();

    @Message("This site key is already taken.")
    String err_key_taken();

    @Message("\"{origin}\" is not an origin. Write scheme and host without a path, e.g. https://example.com.")
    String err_origin(String origin);

    @Message("Enter at least the website's address, e.g. https://example.com.")
    String err_origins_needed();

    @Message("At most 50 addresses.")
    String err_origins_many();

    @Message("Pick at least one language.")
    String err_languages();

    @Message("Pick a website that has a published banner.")
    String err_copy_from();

    @Message("Between 1 and 3650 days.")
    String err_retention();

    @Message("{origin}: visitors who open {suggestion} are refused unless you add it as well.")
    String hint_www(String origin, String suggestion);

    @Message("{origin}: only this port is allowed; {suggestion} would allow every port.")
    String hint_port(String origin, String suggestion);

    @Message("{origin}: visitors of the secure site ({suggestion}) send another origin; add it unless the site runs without https.")
    String hint_http(String origin, String suggestion);

    @Message("Install")
    String nav_install();

    @Message("Install the banner on {name}")
    String install_title(String name);

    @Message("The website was added. Next: paste the banner tag into your website.")
    String notice_created();

    @Message("The address was added to the allowed origins.")
    String notice_origin_allowed();

    @Message("This website has no published banner yet: the tag loads, but shows nothing until you publish a configuration in the banner editor.")
    String no_config_warning();

    @Message("1. Banner tag")
    String step_tag();

    @Message("Paste this line into the <head> of every page, before any script that needs consent.")
    String step_tag_help();

    @Message("2. \"Cookie settings\" link in the footer")
    String step_footer();

    @Message("Visitors must be able to change their choice at any time. This link opens the banner's settings.")
    String step_footer_help();

    @Message("Cookie settings")
    String footer_link_text();

    @Message("3. Cookie declaration in your privacy policy")
    String step_declaration();

    @Message("Recipes")
    String step_recipes();

    @Message("Plain HTML: gate a script until its category is granted")
    String recipe_html();

    @Message("Change type to text/plain and name the category; the banner runs the script once the visitor agrees.")
    String recipe_html_help();

    @Message("Next.js / React (next/script)")
    String recipe_next();

    @Message("In the root layout (app/layout.tsx or pages/_document.tsx):")
    String recipe_next_help();

    @Message("Google Tag Manager with Consent Mode v2")
    String recipe_gtm();

    @Message("Put the defaults and the banner tag before the GTM snippet. Everything is denied until the visitor decides; the banner then sends the update (analytics → analytics_storage, as mapped in the banner configuration).")
    String recipe_gtm_help();

    @Message("Installation check")
    String check_title();

    @Message("Updated when a browser on an allowed address loads the banner (only the address is kept, nothing about the visitor). Reload this page after opening your website.")
    String check_help();

    @Message("Not seen yet: no browser has loaded the banner from an allowed address.")
    String check_not_seen();

    @Message("Banner seen on {origin} — last {last}, first {first}")
    String check_seen(String origin, String last, String first);

    @Message("Refused addresses (last {days} days)")
    String check_refused_title(int days);

    @Message("Browsers on these addresses asked for the banner but are not allowed, so no banner was shown there. This is usually a missing www or port.")
    String check_refused_help();

    @Message("{origin} — last {last}")
    String check_refused_row(String origin, String last);

    @Message("Allow {origin}")
    String allow_origin(String origin);

    @Message("Check again")
    String check_again();

    @Message("Hints about the allowed addresses")
    String origin_hints();

    @Message("Allowed addresses: {list}")
    String allowed_now(String list);

    @Message("No address is allowed yet: the banner is refused everywhere.")
    String allowed_none();

    @Message("Review changes and publish v{version}")
    String review_and_publish(int version);

    @Message("This draft is kept for a day after it was saved; save it again to keep working on it later.")
    String draft_kept();

    @Message("The earlier version was published again as a new version.")
    String notice_rolledback();

    @Message("Roll back")
    String rollback_col();

    @Message("Roll back to v{version}")
    String rollback_to(int version);

    @Message("Roll back to v{version}")
    String rollback_title(int version);

    @Message("The content of v{version} is published again as v{next}. Earlier versions, their history and the consent ledger stay as they are.")
    String rollback_help(int version, int next);

    @Message("I have reviewed the changes and want to publish the content of v{version} as v{next}.")
    String rollback_confirm(int version, int next);

    @Message("Roll back to v{version}")
    String rollback_button(int version);

    @Message("Review before publishing v{version}")
    String review_title(int version);

    @Message("Changes from v{current} to v{next}")
    String review_changes(int current, int next);

    @Message("No value changes: publishing creates no new version.")
    String review_no_changes();

    @Message("Setting")
    String review_where();

    @Message("Before")
    String review_before();

    @Message("After")
    String review_after();

    @Message("(not set)")
    String review_none();

    @Message("(removed)")
    String review_removed();

    @Message("Will visitors be asked again?")
    String review_reconsent_title();

    @Message("Yes: this is a material change, so the banner asks every visitor again. Why:")
    String review_reconsent_yes();

    @Message("No: visitors' earlier decisions still apply (removals, wording, links and shorter lifetimes need no new decision).")
    String review_reconsent_no();

    @Message("Confirm")
    String review_confirm_title();

    @Message("I have reviewed the changes and want to publish v{version} now.")
    String review_confirm(int version);

    @Message("Please confirm that you have reviewed the changes.")
    String review_confirm_missing();

    @Message("Back to the editor")
    String review_back();

    @Message("Banner text ({language})")
    String setting_texts(String language);

    @Message("Category “{title}”")
    String setting_category(String title);

    @Message("Service “{name}”")
    String setting_service(String name);

    @Message("Cookie “{name}”")
    String setting_cookie(String name);

    @Message("Technical id")
    String setting_id();

    @Message("Domain")
    String setting_domain();

    @Message("Path")
    String setting_path();

    @Message("Choice passed on to Microsoft Clarity")
    String setting_clarity();

    @Message("Cookie that stores the visitor's choice")
    String setting_consent_cookie();

    @Message("Lifetime in days")
    String setting_days();

    @Message("Display")
    String setting_ui();

    @Message("Floating button that reopens the settings")
    String setting_floating_button();

    @Message("Setting “{name}”")
    String setting_other(String name);

    @Message("Skip to content")
    String skip_to_content();
}
