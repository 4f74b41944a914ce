package org.consentledger.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The console's answer to a form without a valid CSRF token (English; German in {@code messages/csrf_de.properties}). */
@MessageBundle(value = "csrf", locale = "en")
public interface CsrfMessages {

    @Message("Form expired")
    String title();

    @Message("The form's security token is missing or belongs to another sign-in or browser, so nothing was changed. Reload the page and submit the form again.")
    String detail();
}
