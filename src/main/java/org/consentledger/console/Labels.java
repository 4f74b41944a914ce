package org.consentledger.console;

import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

import java.lang.reflect.Method;
import java.util.Locale;

/**
 * Stored values in the page's words: {@code {label:action(r.action)}} prints "withdrawn" / "widerrufen" instead of
 * the wire value. A value without a label (a newer value than this console knows) is printed as it is.
 */
@TemplateExtension(namespace = "label")
public final class Labels {

    private Labels() {
    }

    static String action(String value, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return text("action_", value, locale);
    }

    static String method(String value, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return text("method_", value, locale);
    }

    static String decision(String value, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return text("decision_", value, locale);
    }

    static String role(String value, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return text("role_", value, locale);
    }

    static String dsrKind(String value, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return text("dsr_kind_", value, locale);
    }

    static String dsrStatus(String value, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return text("dsr_status_", value, locale);
    }

    static String basis(String value, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return text("basis_", value, locale);
    }

    /** The label of {@code value} in the language of {@code locale} (a Locale or a language tag). */
    public static String text(String prefix, String value, Object locale) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        Method method;
        try {
            method = LabelMessages.class.getMethod(prefix + value.toLowerCase(Locale.ROOT).replace('-', '_'));
        } catch (NoSuchMethodException unknown) {
            return value;
        }
        try {
            return (String) method.invoke(bundle(locale));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("lbl:" + method.getName(), e);
        }
    }

    static LabelMessages bundle(Object locale) {
        String tag = locale instanceof Locale l ? l.getLanguage() : String.valueOf(locale);
        return MessageBundles.get(LabelMessages.class, Localized.Literal.of(tag.startsWith("de") ? "de" : "en"));
    }
}
