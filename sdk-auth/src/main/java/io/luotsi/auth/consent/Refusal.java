package io.luotsi.auth.consent;

import java.util.Objects;

/**
 * A refusal: the reason and an explanation for people. The detail never contains personal data (identity codes,
 * tokens), so it may be logged, audited and returned to the caller.
 *
 * @param reason the reason
 * @param detail what exactly was wrong
 */
public record Refusal(RefusalReason reason, String detail) {

    public Refusal {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    public static Refusal of(RefusalReason reason, String detail) {
        return new Refusal(reason, detail);
    }

    @Override
    public String toString() {
        return reason.code() + ": " + detail;
    }
}
