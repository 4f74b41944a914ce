package org.consentledger.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Texts of the console's cookie monitor page (English; German in {@code messages/mon_de.properties}); {@code mon:key}. */
@MessageBundle(value = "mon", locale = "en")
public interface MonitorMessages {

    @Message("Cookie monitor")
    String title();

    @Message("What real visits observed in the last {days} days: cookies the published configuration does not declare, third-party resources loaded before the decision. Names and page paths only, never values or visitor ids.")
    String intro(int days);

    @Message("Sampling: 1 in N page views reports (0 = off)")
    String sampling();

    @Message("Save")
    String save();

    @Message("Set or loaded before consent")
    String before_title();

    @Message("Nothing was set or loaded before visitors decided.")
    String before_none();

    @Message("Undeclared cookies")
    String cookies_title();

    @Message("No undeclared cookies.")
    String cookies_none();

    @Message("Third-party hosts loaded before the decision")
    String hosts_title();

    @Message("No third-party hosts.")
    String hosts_none();

    @Message("Name")
    String name();

    @Message("Seen")
    String count();

    @Message("Before decision")
    String before_count();

    @Message("First / last seen")
    String seen();

    @Message("Pages")
    String paths();

    @Message("Suggestion")
    String suggestion();

    @Message("Service")
    String service();

    @Message("Lifetime")
    String max_age();

    @Message("Add to config (draft)")
    String add();

    @Message("Reason")
    String reason();

    @Message("Ignore")
    String ignore();

    @Message("Ignored")
    String ignored_title();

    @Message("Saved.")
    String saved();

    @Message("The published configuration has no service to add a cookie to.")
    String no_services();
}
