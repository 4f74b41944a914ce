package org.consentledger.console;

import org.consentledger.platform.Problem;

import java.util.List;
import java.util.Locale;

/**
 * A console error page in the page's language: a plain title and explanation per status (not "404 · Not Found"),
 * translated field errors for 422, and on English pages the API's own detail as the technical detail.
 */
public final class ErrorPages {

    private static final List<Integer> KNOWN = List.of(400, 403, 404, 405, 409, 413, 422, 429, 500, 503);

    public record ErrorPage(int status, String code, String title, String text, List<String> errors, String technical) {
    }

    private ErrorPages() {
    }

    public static ErrorPage of(Problem problem, Locale locale) {
        int status = known(problem.status());
        LabelMessages l = Labels.bundle(locale);
        List<String> errors = problem.errors() == null ? List.of()
                : problem.errors().stream().map(e -> (e.field() == null || e.field().isEmpty() ? ""
                        : e.field() + ": ") + FieldErrorText.of(e, locale)).toList();
        boolean english = !"de".equals(locale.getLanguage());
        String technical = english && problem.detail() != null && !problem.detail().isBlank() && errors.isEmpty()
                ? problem.detail() : null;
        if (problem.type() != null && problem.type().endsWith("/csrf")) {
            // the CSRF refusal brings its own title and explanation in the page's language ("Form expired")
            return new ErrorPage(problem.status(), l.error_code(problem.status()), problem.title(), problem.detail(),
                    List.of(), null);
        }
        return new ErrorPage(problem.status(), l.error_code(problem.status()), text(l, "error_" + status + "_title"),
                text(l, "error_" + status + "_text"), errors, technical);
    }

    /** The detail of a problem without field errors, as one sentence for a form on a console page. */
    public static String detail(Problem problem, Locale locale) {
        ErrorPage page = of(problem, locale);
        return page.technical() == null ? page.title() + ". " + page.text() : page.technical();
    }

    static int known(int status) {
        if (KNOWN.contains(status)) {
            return status;
        }
        return status >= 500 ? 500 : 400;
    }

    private static String text(LabelMessages bundle, String key) {
        try {
            return (String) LabelMessages.class.getMethod(key).invoke(bundle);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("lbl:" + key, e);
        }
    }
}
