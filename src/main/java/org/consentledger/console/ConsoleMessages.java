package org.consentledger.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The console's texts (English; German in {@code messages/console_de.properties}). Templates use {@code msg:key}.
 * English texts live in the annotations, generated once from a properties list; keep msg_de.properties in step.
 */
@MessageBundle(value = "msg", locale = "en")
public interface ConsoleMessages {

    @Message("accepted")
    String accepted();

    @Message("Action")
    String action();

    @Message("Actions")
    String actions();

    @Message("Actor")
    String actor();

    @Message("Allowed origins (one per line)")
    String allowed_origins();

    @Message("Apply filter")
    String apply_filter();

    @Message("Back to the sites")
    String back_to_sites();

    @Message("Category")
    String category();

    @Message("Decisions per day over the last {days} days (UTC), per category. Hover a bar for its numbers.")
    String charts_help(int days);

    @Message("Latest signed checkpoint")
    String checkpoint();

    @Message("Content hash (SHA-256)")
    String content_hash();

    @Message("Consent cookie domain (empty = this host only)")
    String cookie_domain();

    @Message("Consent cookie lifetime in days")
    String cookie_max_age();

    @Message("Consent cookie name")
    String cookie_name();

    @Message("Cookie declaration for your privacy policy")
    String cookie_policy();

    @Message("Paste this snippet into your privacy policy page: it always shows the categories, services and cookies of the published banner version.")
    String cookie_policy_help();

    @Message("Copied")
    String copied();

    @Message("Copy")
    String copy();

    @Message("Create account")
    String create();

    @Message("Decision")
    String decision();

    @Message("Decisions")
    String decisions();

    @Message("Details")
    String details();

    @Message("Categories")
    String diff_categories();

    @Message("Cookies")
    String diff_cookies();

    @Message("Services")
    String diff_services();

    @Message("Texts")
    String diff_texts();

    @Message("from")
    String diff_from();

    @Message("Changes from v{from} to v{to}")
    String diff_title(int from, int to);

    @Message("to")
    String diff_to();

    @Message("Disable")
    String disable();

    @Message("disabled")
    String disabled();

    @Message("Editing a copy of published version v{version}. Saving creates a draft; nothing changes for visitors until you publish.")
    String editor_base(int version);

    @Message("Draft based on v{version}. Visitors still see the published version until you publish.")
    String editor_draft(int version);

    @Message("Categories, services and cookies")
    String editor_fields();

    @Message("JSON view")
    String editor_json();

    @Message("Add category")
    String editor_add_category();

    @Message("Add service")
    String editor_add_service();

    @Message("Add cookie")
    String editor_add_cookie();

    @Message("Remove")
    String editor_remove();

    @Message("Enable")
    String enable();

    @Message("active")
    String enabled();

    @Message("Erase this visitor's personal data")
    String erase_button();

    @Message("I understand that this cannot be undone.")
    String erase_confirm();

    @Message("Please tick the confirmation first.")
    String erase_confirm_needed();

    @Message("Tracked requests")
    String dsr_tracked();

    @Message("{open} open, {overdue} overdue. A request must be answered within one month (Art. 12(3) GDPR); exporting or erasing a visitor answers their open requests.")
    String dsr_counts(long open, long overdue);

    @Message("No requests recorded for this site.")
    String dsr_none();

    @Message("Kind")
    String dsr_kind();

    @Message("Received")
    String dsr_received();

    @Message("Due")
    String dsr_due();

    @Message("overdue")
    String dsr_overdue();

    @Message("Erasing removes, from {#if count == 1}the one event{#else}all {count} events{/if} of this visitor, the visitor ID, the shortened IP address, the browser description and the salt. The decisions, their dates and the ledger's commitments stay, so the ledger still verifies and the decisions can still be counted. The erasure is written to the audit trail under an erasure ID, not under the visitor ID. This cannot be undone.")
    String erase_explain(int count);

    @Message("{count} {#if count == 1}event{#else}events{/if} erased (erasure ID {erasureId}). The ledger still verifies.")
    String erased(int count, String erasureId);

    @Message("{count} {#if count == 1}event{#else}events{/if} of this visitor")
    String events_of_visitor(int count);

    @Message("Export CSV")
    String export_csv();

    @Message("Export as JSON (Art. 15/20)")
    String export_json();

    @Message("Export NDJSON")
    String export_ndjson();

    @Message("{count} fields need a correction (marked below).")
    String field_errors(int count);

    @Message("Find")
    String find();

    @Message("First page")
    String first_page();

    @Message("From")
    String from();

    @Message("New password for {username} (shown once):")
    String generated_password(String username);

    @Message("the signed checkpoint at {size} entries does not match")
    String ledger_bad_checkpoint(Object size);

    @Message("entry no. {index} does not match its stored event")
    String ledger_bad_leaf(Object index);

    @Message("The verification could not finish (database unavailable?). Please try again.")
    String ledger_error();

    @Message("The ledger does NOT verify: {where}. Reason: {reason}. Somebody changed stored data; keep this result and contact your administrator.")
    String ledger_failed(Object where, Object reason);

    @Message("Every consent decision is sealed into an append-only log (a Merkle tree) whose state is signed regularly. Verifying recomputes everything from the stored events and checks every signature.")
    String ledger_help();

    @Message("The ledger is intact: all {size} entries match their signed checkpoints ({leaves} recomputed from stored events, {purged} removed by retention and checked by hash, {checkpoints} signatures checked).")
    String ledger_ok(Object size, Object leaves, Object purged, Object checkpoints);

    @Message("Log")
    String log_origin();

    @Message("Sign in")
    String login_button();

    @Message("Unknown user, wrong password or disabled account.")
    String login_failed();

    @Message("Please enter user name and password.")
    String login_missing();

    @Message("Too many attempts. Please wait a minute and try again.")
    String login_rate_limited();

    @Message("Sign in to the operator console")
    String login_title();

    @Message("Sign out")
    String logout();

    @Message("Method")
    String method();

    @Message("Accounts")
    String nav_accounts();

    @Message("Audit trail")
    String nav_audit();

    @Message("Charts")
    String nav_charts();

    @Message("Data-subject requests")
    String nav_dsr();

    @Message("Banner editor")
    String nav_editor();

    @Message("Ledger")
    String nav_ledger();

    @Message("Consent log")
    String nav_logs();

    @Message("Main")
    String nav_main();

    @Message("Site")
    String nav_site();

    @Message("Sites")
    String nav_sites();

    @Message("New account")
    String new_account();

    @Message("Next page")
    String next_page();

    @Message("No events.")
    String no_events();

    @Message("No sites.")
    String no_sites();

    @Message("No banner configuration published yet.")
    String no_version();

    @Message("Published. Visitors get the new version within a minute.")
    String notice_published();

    @Message("Saved.")
    String notice_saved();

    @Message("Saved. The cookie settings are part of the banner configuration, so a new version was published.")
    String notice_saved_published();

    @Message("Open")
    String open_policy();

    @Message("Opt-in rate, last 30 days")
    String optin_30();

    @Message("Other settings changed")
    String other_changed();

    @Message("partial")
    String partial();

    @Message("Password")
    String password();

    @Message("Password (12 to 72 characters)")
    String password_rule();

    @Message("Live preview")
    String preview();

    @Message("Save the draft to see the live preview.")
    String preview_after_save();

    @Message("Publish as v{version}")
    String publish(int version);

    @Message("Published")
    String published_at();

    @Message("By")
    String published_by();

    @Message("Published version")
    String published_version();

    @Message("Receipt")
    String receipt();

    @Message("Visitors are not asked again.")
    String reconsent_not_required();

    @Message("Visitors will be asked again")
    String reconsent_required();

    @Message("Time (UTC)")
    String recorded_at();

    @Message("rejected")
    String rejected();

    @Message("Reset password")
    String reset_password();

    @Message("Keep consent records for (days)")
    String retention_days();

    @Message("Roles")
    String roles();

    @Message("Roles and sites")
    String roles_sites();

    @Message("Root hash")
    String root_hash();

    @Message("Save")
    String save();

    @Message("Save draft and preview")
    String save_draft();

    @Message("Site settings")
    String settings();

    @Message("Show changes")
    String show_diff();

    @Message("Signed note")
    String signed_note();

    @Message("Site")
    String site();

    @Message("Site key")
    String site_key();

    @Message("Sites (one per line)")
    String sites_one_per_line();

    @Message("Status")
    String status();

    @Message("Target")
    String target();

    @Message("Time (UTC)")
    String time();

    @Message("To")
    String to();

    @Message("Entries")
    String tree_size();

    @Message("User name")
    String username();

    @Message("The configuration cannot be published yet:")
    String validation_errors();

    @Message("Verification")
    String verify();

    @Message("Verify the ledger now")
    String verify_button();

    @Message("Verifying…")
    String verifying();

    @Message("Version")
    String version();

    @Message("Versions")
    String versions();

    @Message("Visitor")
    String visitor();

    @Message("Visitor ID")
    String visitor_id();

    @Message("withdrawn")
    String withdrawn();
}
