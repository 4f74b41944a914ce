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

    public static <T> T parse(ObjectMapper mapper, byte[] body, Class<T> type, int maxBytes) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("The request body is empty");
        }
        if (body.length > maxBytes) {
            throw new ProblemException(Problem.of(413, "payload-too-large", "Payload too large",
                    "The request body is larger than " + maxBytes + " bytes"));
        }
        try {
            return mapper.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body);
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
