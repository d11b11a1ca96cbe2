package io.returnflow.deadlinepolicy;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The policy on the wire: {@code returns.deadlinePolicy} of the merchant document and
 * {@code /api/merchants/{id}/deadline-policy}. Durations are ISO-8601 ({@code PT24H}), amounts
 * decimal strings, so that what is refused can be named ({@link DeadlinePolicyReader}).
 *
 * <pre>{"enabled": true, "warnBefore": ["PT24H", "PT4H"],
 *  "defaultDecision": {"type": "APPROVE_UP_TO", "before": "PT2H", "maxRefund": {"amount": "50.00", "currency": "USD"}}}</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadlinePolicyDocument(Boolean enabled, List<String> warnBefore, Decision defaultDecision) {

    /** @param type NONE, APPROVE_UP_TO or REJECT */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Decision(String type, String before, Money maxRefund, String rejectReason) {
    }

    public record Money(String amount, String currency) {
    }

    static DeadlinePolicyDocument of(DeadlinePolicy policy) {
        DeadlinePolicy.DefaultDecision d = policy.decision();
        return new DeadlinePolicyDocument(policy.enabled(), policy.warnBefore().stream().map(Object::toString).toList(),
                new Decision(d.kind().name(), d.before() == null ? null : d.before().toString(),
                        d.maxRefund() == null ? null : new Money(d.maxRefund().toPlainString(), d.currency()), d.rejectReason()));
    }
}
