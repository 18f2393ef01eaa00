package io.luotsi.auth.mandate;

import java.util.List;
import java.util.Objects;

/**
 * What the e-Authorizations service decided: {@code ALLOWED} or {@code DISALLOWED}, and the reasons it gives (only
 * when its configuration discloses them). Its rule engine is DISALLOWED unless every rule passes.
 *
 * @param result  the result
 * @param reasons the reasons, possibly none
 */
public record MandateDecision(Result result, List<Reason> reasons) {

    /** The two results. */
    public enum Result {
        ALLOWED,
        DISALLOWED
    }

    /**
     * One reason: the id of the rule that decided, its value (a description, which can name people: do not log it)
     * and the value's type.
     */
    public record Reason(String reasonRule, String reasonValue, String valueType) {
    }

    public MandateDecision {
        Objects.requireNonNull(result, "result");
        reasons = List.copyOf(reasons == null ? List.of() : reasons);
    }

    public boolean allowed() {
        return result == Result.ALLOWED;
    }

    @Override
    public String toString() {
        return "MandateDecision[" + result + ", rules " + reasons.stream().map(Reason::reasonRule).toList() + "]";
    }
}
