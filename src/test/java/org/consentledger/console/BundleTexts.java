package org.consentledger.console;

import io.quarkus.qute.i18n.Message;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * A console message bundle for plain unit tests (no Quarkus): English from the interface's {@code @Message}, German
 * from {@code messages/<name>_de.properties}, with the {@code {parameter}} placeholders filled in. Messages with Qute
 * sections ({@code {#if}}) are refused, not rendered wrongly.
 */
final class BundleTexts {

    private BundleTexts() {
    }

    static <T> T of(Class<T> bundle, String name, String lang) {
        Properties german = new Properties();
        if ("de".equals(lang)) {
            try (InputStream in = BundleTexts.class.getResourceAsStream("/messages/" + name + "_de.properties")) {
                german.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bundle.cast(Proxy.newProxyInstance(bundle.getClassLoader(), new Class<?>[] { bundle }, (proxy, method, args) -> {
            String text = "de".equals(lang) ? german.getProperty(method.getName()) : english(method);
            if (text == null || text.contains("{#")) {
                throw new IllegalStateException("no plain text for " + name + ":" + method.getName() + " in " + lang);
            }
            Parameter[] parameters = method.getParameters();
            for (int i = 0; i < parameters.length; i++) {
                text = text.replace("{" + parameters[i].getName() + "}", String.valueOf(args[i]));
            }
            return text;
        }));
    }

    private static String english(Method method) {
        Message message = method.getAnnotation(Message.class);
        return message == null ? null : message.value();
    }
}
