package dev.cs231n.searches.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a search is: its search space and strategy (each as JSON, e.g. an Arbiter {@code ParameterSpace}'s and a
 * candidate generator's {@code toJson()}), and the objective. A store holds exactly one search; opening it for a
 * search with another {@link #fingerprint()} fails, so that a resumed or joining worker can never add its
 * candidates to someone else's search.
 *
 * <p>The JSON is stored in canonical form (keys sorted, no whitespace), so formatting does not change the
 * fingerprint. The name is a label for people and reports and is not part of the fingerprint.
 *
 * @param name         a label, e.g. {@code "two-layer grid"}; not blank
 * @param objective    whether higher or lower scores are better
 * @param spaceJson    the search space as JSON
 * @param strategyJson the strategy (generator, its seed and options, termination) as JSON
 */
public record SearchDescription(String name, Objective objective, String spaceJson, String strategyJson) {

    /** Validates and canonicalises the JSON; throws {@link IllegalArgumentException} naming the bad part. */
    public SearchDescription {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a search needs a name (a label for reports), got '" + name + "'");
        }
        if (objective == null) {
            throw new IllegalArgumentException("search '" + name + "': objective is null; give MAXIMIZE or MINIMIZE");
        }
        spaceJson = Json.canonical(spaceJson, "search '" + name + "': the space");
        strategyJson = Json.canonical(strategyJson, "search '" + name + "': the strategy");
    }

    /**
     * The search's identity: SHA-256 (hex) of the canonical space, strategy and objective.
     *
     * @return 64 lower-case hex digits
     */
    public String fingerprint() {
        return fingerprint(objective, spaceJson, strategyJson);
    }

    static String fingerprint(Objective objective, String spaceJson, String strategyJson) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String text = "space=" + spaceJson + "\nstrategy=" + strategyJson + "\nobjective=" + objective.name();
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** @return a short form for messages: name, fingerprint prefix, abbreviated space and strategy */
    String summary() {
        return "'" + name + "' (fingerprint " + fingerprint().substring(0, 12) + ", " + objective + ", space "
                + Json.abbreviate(spaceJson, 160) + ", strategy " + Json.abbreviate(strategyJson, 160) + ")";
    }
}
