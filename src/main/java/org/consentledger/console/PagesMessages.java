package org.consentledger.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Console texts of the log, audit, accounts, dashboard and data-subject pages (issue #12 items 5, 6, 7, 9; English;
 * German in {@code messages/pg_de.properties}). Templates use {@code pg:key}; a bundle of its own, as Quarkus fails on
 * one bundle with more than ~300 messages.
 */
@MessageBundle(value = "pg", locale = "en")
public interface PagesMessages {

    @Message("Previous page")
    String prev_page();

    @Message("{count} {#if count == 1}entry matches{#else}entries match{/if}")
    String total_exact(long count);

    @Message("More than {count} entries match; narrow the filters to count them exactly")
    String total_more(long count);

    @Message("No entry matches these filters.")
    String no_match();

    @Message("Reset filters")
    String reset_filters();

    @Message("(any)")
    String any();

    @Message("Visitor ID or its beginning")
    String visitor_search();

    @Message("The whole ID, or at least its first 4 characters.")
    String visitor_search_help();

    @Message("Category")
    String category_title();

    @Message("allowed")
    String decision_granted();

    @Message("refused")
    String decision_denied();

    @Message("accepted")
    String action_given();

    @Message("refused")
    String action_refused();

    @Message("partly accepted")
    String action_partial();

    @Message("withdrawn")
    String action_withdrawn();

    @Message("\"Accept all\" button")
    String method_accept_all();

    @Message("\"Reject all\" button")
    String method_reject_all();

    @Message("Saved settings")
    String method_save_settings();

    @Message("Withdrawal")
    String method_withdraw();

    @Message("Global Privacy Control signal")
    String method_gpc();

    @Message("API")
    String method_api();

    @Message("The filters could not be applied:")
    String err_filter();

    @Message("The start date is not a valid date.")
    String err_date_from();

    @Message("The end date is not a valid date.")
    String err_date_to();

    @Message("The end date must not be before the start date.")
    String err_to_before_from();

    @Message("Enter at least the first 4 characters of the visitor ID.")
    String err_prefix_short();

    @Message("A visitor ID consists only of letters, digits and the characters _ . - (and has at most 64 characters).")
    String err_prefix_chars();

    @Message("This site's banner has no such category; choose one from the list.")
    String err_unknown_category();

    @Message("Choose a category to filter by a decision.")
    String err_decision_needs_category();

    @Message("Choose an action from the list.")
    String err_unknown_action();

    @Message("Choose a way of deciding from the list.")
    String err_unknown_method();

    @Message("An action consists of at most 64 letters, digits and the characters . _ -")
    String err_action_prefix();

    @Message("This page link is no longer valid; start from the first page.")
    String err_bad_cursor();

    @Message("Action or its beginning")
    String audit_action_prefix();

    @Message("E.g. \"account.\" for every change of an account.")
    String audit_action_help();

    @Message("IP address (shortened)")
    String audit_ip();

    @Message("How decided")
    String log_method();

    @Message("Choose a decision from the list.")
    String err_unknown_decision();

    @Message("Exports contain every entry that matches the filters.")
    String export_filtered();

    @Message("Pages")
    String pages();

    @Message("Sites")
    String acc_sites();

    @Message("Operators and auditors see only the sites ticked here; administrators see every site.")
    String acc_sites_help();

    @Message("No site exists yet: add one first, or create an administrator.")
    String acc_no_sites();

    @Message("{site} (no longer exists)")
    String acc_missing_site(String site);

    @Message("Password")
    String acc_password();

    @Message("At least 12 and at most 72 bytes (an umlaut counts as two), and not one of the commonly used passwords. A phrase of several words is easy to remember.")
    String acc_password_rules();

    @Message("3 to 100 letters, digits and . _ @ - (e.g. an e-mail address).")
    String acc_username_rules();

    @Message("Administrator")
    String acc_role_admin();

    @Message("Operator")
    String acc_role_operator();

    @Message("Auditor (read only)")
    String acc_role_auditor();

    @Message("Save roles and sites")
    String acc_save_roles();

    @Message("(you)")
    String acc_you();

    @Message("The account was not saved:")
    String acc_error_intro();

    @Message("The user name must have 3 to 100 letters, digits and . _ @ -")
    String err_username();

    @Message("This user name is already taken.")
    String err_username_taken();

    @Message("The password must have at least 12 and at most 72 bytes (an umlaut counts as two).")
    String err_password_length();

    @Message("This password is one of the commonly used ones; choose another.")
    String err_password_common();

    @Message("Choose at least one role.")
    String err_roles();

    @Message("An operator or auditor needs at least one site.")
    String err_sites_needed();

    @Message("Only existing sites can be granted.")
    String err_sites_unknown();

    @Message("The account could not be saved ({detail}).")
    String err_account_other(String detail);

    @Message("There is no such account.")
    String err_no_account();

    @Message("Please confirm")
    String confirm_title();

    @Message("Disable the account {username}? It is signed out at once and cannot sign in until it is enabled again.")
    String confirm_disable(String username);

    @Message("You are about to disable your own account ({username}). You will be signed out at once and cannot sign in again until another administrator enables it.")
    String confirm_disable_self(String username);

    @Message("Reset the password of {username}? A new password is generated and shown once; the old one stops working and the account is signed out at once.")
    String confirm_reset(String username);

    @Message("You are about to reset your own password ({username}). You will be signed out at once and must sign in with the new password shown next.")
    String confirm_reset_self(String username);

    @Message("Yes, disable")
    String confirm_yes_disable();

    @Message("Yes, reset the password")
    String confirm_yes_reset();

    @Message("Cancel")
    String cancel();

    @Message("Account {username} created.")
    String acc_notice_created(String username);

    @Message("Account disabled; its sessions have ended.")
    String acc_notice_disable();

    @Message("Account enabled.")
    String acc_notice_enable();

    @Message("Roles and sites saved; the account's sessions have ended, it signs in again to use them.")
    String acc_notice_roles();

    @Message("A range can span at most 400 days.")
    String err_range_long();

    @Message("Period")
    String range();

    @Message("Show")
    String range_show();

    @Message("Last {number} days")
    String range_last(String number);

    @Message("{from} – {to} (UTC)")
    String range_text(String from, String to);

    @Message("Opt-in per category")
    String optin_heading();

    @Message("{percent} ({accepted} of {decided})")
    String optin_of(String percent, long accepted, long decided);

    @Message("no decisions")
    String optin_none();

    @Message("one day of data")
    String optin_one_day();

    @Message("only required categories")
    String optin_no_optional();

    @Message("Opt-in for {title} per day: {percent}")
    String optin_aria(String title, String percent);

    @Message("Administrator")
    String role_admin();

    @Message("Operator")
    String role_operator();

    @Message("Auditor")
    String role_auditor();

    @Message("Signed in as")
    String signed_in_as();

    @Message("accepted")
    String series_accepted();

    @Message("rejected")
    String series_rejected();

    @Message("partly accepted")
    String series_partial();

    @Message("withdrawn")
    String series_withdrawn();

    @Message("Decisions per day from {from} to {to} (UTC), per category. Hover a bar for its numbers.")
    String charts_range(String from, String to);

    @Message("Decisions per day for {title}")
    String chart_aria(String title);

    @Message("Visitor ID, its beginning, consent ID or receipt URL")
    String dsr_lookup_label();

    @Message("The visitor ID is shown in the banner's settings and on every receipt; a receipt URL ends with the consent ID.")
    String dsr_lookup_help();

    @Message("No visitor of this site matches \"{query}\". Nothing is stored under this ID (no decision was recorded, or it was erased or removed after the retention period).")
    String dsr_no_visitor(String query);

    @Message("The consent {query} exists, but its visitor's personal data was already erased.")
    String dsr_consent_erased(String query);

    @Message("Found through the consent ID {query}.")
    String dsr_found_by_consent(String query);

    @Message("The only visitor whose ID starts with \"{query}\".")
    String dsr_found_by_prefix(String query);

    @Message("Several visitors' IDs start with \"{query}\": choose the one the request is about.")
    String dsr_candidates(String query);

    @Message("Only the first 20 are listed; type more characters of the ID.")
    String dsr_candidates_more();

    @Message("{count} {#if count == 1}event{#else}events{/if}, last {last}")
    String dsr_events_count(long count, String last);

    @Message("Enter a visitor ID (at least its first 4 characters), a consent ID or a receipt URL. A visitor ID consists of letters, digits and _ . - only.")
    String err_lookup_invalid();

    @Message("Enter a request received by e-mail, letter or phone")
    String dsr_new_title();

    @Message("The one-month deadline (Art. 12(3) GDPR) runs from the day the request arrived.")
    String dsr_new_help();

    @Message("Access / copy of the data (Art. 15, 20)")
    String dsr_kind_access();

    @Message("Erasure (Art. 17)")
    String dsr_kind_erasure();

    @Message("Received by")
    String dsr_channel();

    @Message("e-mail")
    String dsr_channel_email();

    @Message("letter")
    String dsr_channel_letter();

    @Message("web form")
    String dsr_channel_form();

    @Message("phone")
    String dsr_channel_phone();

    @Message("other")
    String dsr_channel_other();

    @Message("Received on")
    String dsr_received_on();

    @Message("Record request")
    String dsr_record();

    @Message("Request recorded; it is due on {due}.")
    String dsr_recorded(String due);

    @Message("open")
    String dsr_status_open();

    @Message("answered")
    String dsr_status_completed();

    @Message("rejected")
    String dsr_status_rejected();

    @Message("Enter the visitor ID the request is about (letters, digits and _ . -, at most 64 characters).")
    String err_dsr_visitor();

    @Message("Choose the kind of request.")
    String err_dsr_kind();

    @Message("Choose how the request arrived.")
    String err_dsr_channel();

    @Message("Enter the day the request arrived: a date between 1970-01-02 and today.")
    String err_dsr_received();

    @Message("The day a request arrived cannot lie in the future.")
    String err_dsr_future();

    @Message("Channel")
    String dsr_channel_col();

}
