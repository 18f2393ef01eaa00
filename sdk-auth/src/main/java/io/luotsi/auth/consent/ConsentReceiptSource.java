package io.luotsi.auth.consent;

import java.util.Collection;
import java.util.List;

/**
 * Where a consumer keeps the consent receipts it was given, as compact JWS: {@link ConsentReceiptProvider} asks it
 * for the receipts of a data subject and verifies each (a source need not filter exactly; receipts about other
 * subjects are refused by the verification).
 */
@FunctionalInterface
public interface ConsentReceiptSource {

    /** The receipts that may concern this subject (possibly none). */
    List<String> receiptsFor(DataSubject subject);

    /** A fixed set of receipts, all offered for every subject. */
    static ConsentReceiptSource of(Collection<String> receipts) {
        List<String> copy = List.copyOf(receipts);
        return subject -> copy;
    }
}
