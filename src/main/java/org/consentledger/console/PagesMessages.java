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

}
