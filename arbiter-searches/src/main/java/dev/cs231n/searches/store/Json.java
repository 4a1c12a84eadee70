package dev.cs231n.searches.store;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Canonical JSON: the same value always gives the same text (object keys sorted, no whitespace), so that
 * fingerprints and the comparison of a candidate added twice do not depend on how a caller formatted it.
 */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Json() {
    }

    /**
     * @param json any JSON text
     * @param what what the text is, for the error message
     * @return the canonical text of the same value
     * @throws IllegalArgumentException if {@code json} is not JSON
     */
    static String canonical(String json, String what) {
        if (json == null) {
            throw new IllegalArgumentException(what + " is null; give JSON text");
        }
        try {
            Object value = MAPPER.readValue(json, Object.class);
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON (" + e.getOriginalMessage() + "): "
                    + abbreviate(json, 200), e);
        }
    }

    /**
     * The top-level fields of a JSON object, each as text: strings as they are, numbers and booleans as JSON,
     * arrays and objects as JSON text. Used for the CSV export's one column per hyperparameter.
     *
     * @param json a JSON object (anything else gives no fields)
     * @return field name to text, in the object's order
     */
    static Map<String, String> topLevelFields(String json) {
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node != null && node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    JsonNode value = field.getValue();
                    fields.put(field.getKey(), value.isTextual() ? value.asText() : value.toString());
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored hyperparameters are not JSON: " + abbreviate(json, 200), e);
        }
        return fields;
    }

    /**
     * @param text any text
     * @param max  the longest result
     * @return {@code text}, cut to {@code max} characters with an ellipsis when longer
     */
    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
