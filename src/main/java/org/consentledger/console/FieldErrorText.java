package org.consentledger.console;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import org.consentledger.platform.Problem;

import java.lang.reflect.Method;
import java.util.Locale;

/**
 * A validation error in the console's language: the error's {@code code} names a method of
 * {@link ValidationMessages} (its arguments are the error's {@code args}). An error without a known code shows a
 * neutral "please check this value" in German, and its English message on an English page.
 */
public final class FieldErrorText {

    private FieldErrorText() {
    }

    public static String of(Problem.FieldError error, Locale locale) {
        String lang = "de".equals(locale.getLanguage()) ? "de" : "en";
        ValidationMessages bundle = MessageBundles.get(ValidationMessages.class, Localized.Literal.of(lang));
        Method method = method(error.code(), error.args().size());
        if (method != null) {
            try {
                return (String) method.invoke(bundle, error.args().toArray());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("message val:" + error.code(), e);
            }
        }
        return "en".equals(lang) ? error.message() : bundle.invalid_value();
    }

    /** The bundle method for a code taking that many (String) arguments; null when there is none. */
    static Method method(String code, int arguments) {
        if (code == null) {
            return null;
        }
        for (Method m : ValidationMessages.class.getMethods()) {
            if (m.getName().equals(code) && m.getParameterCount() == arguments) {
                return m;
            }
        }
        return null;
    }
}
