package dev.cs231n.searches.run;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A successive-halving candidate's place in the search, as recorded in its stored JSON beside its hyperparameters:
 * {@value #RUNG}, {@value #EPOCHS} (the epochs it has been trained for when it completes) and, from rung 1 on,
 * {@value #PARENT} (the candidate of the rung below whose saved network it continues), e.g.
 * {@code {"epochs":3,"lr":0.001,"parent":7,"point":[...],"reg":0.27,"rung":1}}. A candidate without these fields
 * (a plain grid, random or genetic search) trains from scratch for the task's fixed epochs.
 *
 * @param rung   the rung, &gt;= 0
 * @param parent the candidate whose network this one continues; -1 in rung 0
 * @param epochs the epochs trained in all when it completes (its parent's included), &gt;= 1
 */
public record TrainingBudget(int rung, int parent, int epochs) {

    /** The key of the rung in a candidate's JSON. */
    public static final String RUNG = "rung";
    /** The key of the parent candidate's index. */
    public static final String PARENT = "parent";
    /** The key of the epoch budget. */
    public static final String EPOCHS = "epochs";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validates. */
    public TrainingBudget {
        if (rung < 0 || epochs < 1 || (rung == 0) != (parent < 0)) {
            throw new IllegalArgumentException("a training budget needs rung >= 0, epochs >= 1 and a parent from "
                    + "rung 1 on (none in rung 0), got rung " + rung + ", parent " + parent + ", epochs " + epochs);
        }
    }

    /** @return whether this candidate continues a parent's network */
    public boolean continues() {
        return parent >= 0;
    }

    /**
     * @param hyperparametersJson a stored candidate's JSON
     * @return its budget, empty when it has no {@value #RUNG} field
     * @throws IllegalArgumentException when the JSON is not an object or its budget fields are malformed
     */
    public static Optional<TrainingBudget> of(String hyperparametersJson) {
        JsonNode o;
        try {
            o = JSON.readTree(hyperparametersJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("candidate hyperparameters are not JSON: " + hyperparametersJson, e);
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("candidate hyperparameters must be a JSON object: "
                    + hyperparametersJson);
        }
        if (!o.has(RUNG)) {
            return Optional.empty();
        }
        JsonNode rung = o.get(RUNG);
        JsonNode epochs = o.get(EPOCHS);
        JsonNode parent = o.get(PARENT);
        if (!rung.isInt() || epochs == null || !epochs.isInt() || (parent != null && !parent.isInt())) {
            throw new IllegalArgumentException("a halving candidate needs integer '" + RUNG + "', '" + EPOCHS
                    + "' and (from rung 1) '" + PARENT + "': " + hyperparametersJson);
        }
        return Optional.of(new TrainingBudget(rung.asInt(), parent == null ? -1 : parent.asInt(), epochs.asInt()));
    }
}
