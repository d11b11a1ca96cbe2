package io.returnflow.deadlinepolicy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a submitted policy (JSON), naming every invalid field at once: absent means off; durations
 * are positive ISO-8601, at most {@link #LONGEST} (TikTok's deadlines are days away, not months).
 * A reject reason is checked against the return's own TikTok reasons when the policy decides, as a
 * merchant's rejection is: TikTok lists them per return.
 */
public final class DeadlinePolicyReader {

    static final Duration LONGEST = Duration.ofDays(30);
    static final int MAX_WARNINGS = 5;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern REASON = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Set<String> FIELDS = Set.of("enabled", "warnBefore", "defaultDecision");
    private static final Set<String> DECISION_FIELDS = Set.of("type", "before", "maxRefund", "rejectReason");

    private final String prefix;
    private final List<String> problems;

    private DeadlinePolicyReader(String prefix, List<String> problems) {
        this.prefix = prefix;
        this.problems = problems;
    }

    /** The policy, or {@link DeadlinePolicy#OFF} for null; adds what is wrong, as {@code prefix + field: why}. */
    public static DeadlinePolicy read(JsonNode submitted, String prefix, List<String> problems) {
        return new DeadlinePolicyReader(prefix, problems).policy(submitted);
    }

    private DeadlinePolicy policy(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return DeadlinePolicy.OFF;
        }
        if (!node.isObject()) {
            problem("", "must be an object such as {\"enabled\": true, \"warnBefore\": [\"PT24H\"]}");
            return DeadlinePolicy.OFF;
        }
        unknownFields(node, FIELDS, "");
        JsonNode enabled = node.get("enabled");
        if (enabled != null && !enabled.isBoolean()) {
            problem("enabled", "must be true or false");
        }
        List<Duration> warnings = warnings(node.get("warnBefore"));
        DeadlinePolicy.DefaultDecision decision = decision(node.get("defaultDecision"));
        return new DeadlinePolicy(enabled == null || enabled.asBoolean(true), warnings, decision);
    }

    private List<Duration> warnings(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problem("warnBefore", "must be a list of ISO-8601 durations such as [\"PT24H\", \"PT4H\"]");
            return List.of();
        }
        if (node.size() > MAX_WARNINGS) {
            problem("warnBefore", "takes at most " + MAX_WARNINGS + " warnings");
        }
        Set<Duration> warnings = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            Duration warning = duration("warnBefore[" + i + "]", node.get(i));
            if (warning != null && !warnings.add(warning)) {
                problem("warnBefore[" + i + "]", "repeats " + warning);
            }
        }
        List<Duration> sorted = new ArrayList<>(warnings);
        sorted.sort(Comparator.reverseOrder());
        return List.copyOf(sorted);
    }

    private DeadlinePolicy.DefaultDecision decision(JsonNode node) {
        if (node == null || node.isNull()) {
            return DeadlinePolicy.DefaultDecision.NONE;
        }
        if (!node.isObject()) {
            problem("defaultDecision", "must be an object such as {\"type\": \"NONE\"}");
            return DeadlinePolicy.DefaultDecision.NONE;
        }
        unknownFields(node, DECISION_FIELDS, "defaultDecision.");
        DeadlinePolicy.Kind kind = kind(node.get("type"));
        if (kind == null || kind == DeadlinePolicy.Kind.NONE) {
            return DeadlinePolicy.DefaultDecision.NONE;
        }
        Duration before = node.hasNonNull("before") ? duration("defaultDecision.before", node.get("before")) : null;
        if (!node.hasNonNull("before")) {
            problem("defaultDecision.before", "is required for " + kind + ": how long before TikTok's deadline to decide,"
                    + " an ISO-8601 duration such as PT2H");
        }
        if (kind == DeadlinePolicy.Kind.APPROVE_UP_TO) {
            return maxRefund(node.get("maxRefund"), before);
        }
        JsonNode reason = node.get("rejectReason");
        if (reason == null || !reason.isTextual() || !REASON.matcher(reason.asText()).matches()) {
            problem("defaultDecision.rejectReason", "is required for REJECT: one of TikTok's reject reason names"
                    + " (GET /api/returns/{id}/reject-reasons), such as seller_reject_apply_no_evidence");
            return new DeadlinePolicy.DefaultDecision(kind, before, null, null, null);
        }
        return new DeadlinePolicy.DefaultDecision(kind, before, null, null, reason.asText());
    }

    private DeadlinePolicy.DefaultDecision maxRefund(JsonNode node, Duration before) {
        String field = "defaultDecision.maxRefund";
        if (node == null || !node.isObject()) {
            problem(field, "is required for APPROVE_UP_TO: {\"amount\": \"50.00\", \"currency\": \"USD\"}");
            return new DeadlinePolicy.DefaultDecision(DeadlinePolicy.Kind.APPROVE_UP_TO, before, null, null, null);
        }
        BigDecimal amount = null;
        JsonNode text = node.get("amount");
        try {
            amount = text == null || !(text.isTextual() || text.isNumber()) ? null : new BigDecimal(text.asText());
        } catch (NumberFormatException notANumber) {
            amount = null;
        }
        if (amount == null || amount.signum() < 0 || amount.scale() > 4 || amount.precision() - amount.scale() > 12) {
            problem(field + ".amount", "must be an amount of zero or more such as \"50.00\"");
            amount = null;
        }
        JsonNode currency = node.get("currency");
        if (currency == null || !currency.isTextual() || !CURRENCY.matcher(currency.asText()).matches()) {
            problem(field + ".currency", "must be an ISO 4217 code such as USD");
        }
        return new DeadlinePolicy.DefaultDecision(DeadlinePolicy.Kind.APPROVE_UP_TO, before, amount,
                currency == null ? null : currency.asText(), null);
    }

    private DeadlinePolicy.Kind kind(JsonNode node) {
        if (node != null && node.isTextual()) {
            for (DeadlinePolicy.Kind kind : DeadlinePolicy.Kind.values()) {
                if (kind.name().equals(node.asText())) {
                    return kind;
                }
            }
        }
        problem("defaultDecision.type", "must be NONE, APPROVE_UP_TO or REJECT");
        return null;
    }

    private Duration duration(String field, JsonNode node) {
        try {
            Duration duration = node != null && node.isTextual() ? Duration.parse(node.asText()) : null;
            if (duration != null && !duration.isNegative() && !duration.isZero() && duration.compareTo(LONGEST) <= 0) {
                return duration;
            }
        } catch (DateTimeParseException notADuration) {
            // named below
        }
        problem(field, "must be a positive ISO-8601 duration of at most P30D, such as PT24H (was " + node + ")");
        return null;
    }

    private void unknownFields(JsonNode node, Set<String> known, String at) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problem(at + name, "is not a field of the deadline policy (" + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private void problem(String field, String why) {
        String where = field.isEmpty() ? prefix.replaceAll("\\.$", "") : prefix + field;
        problems.add(where.isEmpty() ? why : where + " " + why);
    }
}
