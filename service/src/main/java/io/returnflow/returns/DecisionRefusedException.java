package io.returnflow.returns;

/** A decision the service cannot take: invalid as asked (400), or at odds with the return's state (409). */
public class DecisionRefusedException extends RuntimeException {

    private final boolean conflict;

    private DecisionRefusedException(String message, boolean conflict) {
        super(message);
        this.conflict = conflict;
    }

    static DecisionRefusedException invalid(String message) {
        return new DecisionRefusedException(message, false);
    }

    static DecisionRefusedException conflict(String message) {
        return new DecisionRefusedException(message, true);
    }

    /** True: the return is not waiting for this decision (409); false: the request is wrong (400). */
    public boolean isConflict() {
        return conflict;
    }
}
