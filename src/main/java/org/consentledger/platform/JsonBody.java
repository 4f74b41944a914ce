package org.consentledger.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * Parses a raw request body with a size limit, so oversized, empty and malformed bodies become
 * problem documents (413, 400; unknown fields 422) instead of framework defaults.
 */
public final class JsonBody {

    private JsonBody() {
    }

    /**
     * 415 unless {@code contentType} is {@code application/json} (parameters allowed, a charset only if UTF-8): the
     * public API does not guess the media type of a body (README "Errors").
     */
    public static void requireJson(String contentType) {
        if (contentType == null || !isJson(contentType)) {
            throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported Media Type",
                    "Send the body as Content-Type: application/json"));
        }
    }

    /** True for {@code application/json} with no parameters but an optional UTF-8 charset. */
    public static boolean isJson(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim().toLowerCase(java.util.Locale.ROOT).replace("\"", "");
            if (!param.equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }

    public static <T> T parse(ObjectMapper mapper, byte[] body, Class<T> type, int maxBytes) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("The request body is empty");
        }
        if (body.length > maxBytes) {
            throw new ProblemException(Problem.of(413, "payload-too-large", "Payload too large",
                    "The request body is larger than " + maxBytes + " bytes"));
        }
        try {
            T value = mapper.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body);
            if (value == null) {
                throw new ProblemException(Problem.of(400, "malformed-json", "Malformed request body",
                        "The request body must be a JSON object, not null"));
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException(e);
        } catch (IOException e) {
            throw ProblemException.badRequest("The request body could not be read");
        }
    }

    /** Carries a JSON parse failure to {@link ProblemMappers}. */
    public static class MalformedBodyException extends RuntimeException {
        MalformedBodyException(JsonProcessingException cause) {
            super(cause.getOriginalMessage(), cause, false, false);
        }
    }
}
