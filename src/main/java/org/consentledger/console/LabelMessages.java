package org.consentledger.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Words for stored values the console shows (consent actions and methods, decisions, roles, data-subject request
 * kinds and states, legal bases) and the console's error pages (English; German in
 * {@code messages/lbl_de.properties}). Templates use {@code label:action(value)} etc. ({@link Labels}).
 */
@MessageBundle(value = "lbl", locale = "en")
public interface LabelMessages {

    @Message("consent given")
    String action_given();

    @Message("refused")
    String action_refused();

    @Message("partly given")
    String action_partial();

    @Message("withdrawn")
    String action_withdrawn();

    @Message("Accept all")
    String method_accept_all();

    @Message("Reject all")
    String method_reject_all();

    @Message("Saved settings")
    String method_save_settings();

    @Message("Withdrawal")
    String method_withdraw();

    @Message("Global Privacy Control")
    String method_gpc();

    @Message("API")
    String method_api();

    @Message("granted")
    String decision_granted();

    @Message("denied")
    String decision_denied();

    @Message("Administrator")
    String role_admin();

    @Message("Operator")
    String role_operator();

    @Message("Auditor")
    String role_auditor();

    @Message("access (Art. 15)")
    String dsr_kind_access();

    @Message("erasure (Art. 17)")
    String dsr_kind_erasure();

    @Message("open")
    String dsr_status_open();

    @Message("completed")
    String dsr_status_completed();

    @Message("rejected")
    String dsr_status_rejected();

    @Message("consent")
    String basis_consent();

    @Message("legitimate interest")
    String basis_legitimate_interest();

    @Message("contract")
    String basis_contract();

    @Message("legal obligation")
    String basis_legal_obligation();

    @Message("yes")
    String yes();

    @Message("no")
    String no();

    @Message("Error {status}")
    String error_code(int status);

    @Message("The request is not valid")
    String error_400_title();

    @Message("The address or a form value could not be read. Check the link or go back and try again.")
    String error_400_text();

    @Message("Not allowed")
    String error_403_title();

    @Message("Your account may not open this page or do this action. Ask an administrator if you need access.")
    String error_403_text();

    @Message("Page not found")
    String error_404_title();

    @Message("This page, website or entry does not exist, or it is not assigned to your account.")
    String error_404_text();

    @Message("Not possible this way")
    String error_405_title();

    @Message("This page cannot be used this way. Open it from the console's navigation.")
    String error_405_text();

    @Message("Conflict")
    String error_409_title();

    @Message("This was changed in the meantime or exists already. Reload the page and try again.")
    String error_409_text();

    @Message("Too large")
    String error_413_title();

    @Message("What was sent is too large.")
    String error_413_text();

    @Message("Some values need a correction")
    String error_422_title();

    @Message("Go back, correct the values below and try again.")
    String error_422_text();

    @Message("Too many attempts")
    String error_429_title();

    @Message("Please wait a moment and try again.")
    String error_429_text();

    @Message("Something went wrong")
    String error_500_title();

    @Message("An unexpected error occurred; it has been logged. Please try again later.")
    String error_500_text();

    @Message("Temporarily unavailable")
    String error_503_title();

    @Message("The database cannot be reached at the moment. Please try again in a few seconds.")
    String error_503_text();

    @Message("Back to the websites")
    String error_back();

    @Message("Technical detail")
    String error_technical();
}
