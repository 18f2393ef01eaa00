package io.luotsi.auth.consent;

import io.luotsi.core.log.Redaction;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The person or organisation a request is about, by its identifier in X-Road's country-prefixed form: two capital
 * letters of the country, then the national identifier ({@code EE37702211234}, {@code FI010101-123N},
 * {@code FI0245437-2}). It is personal data: {@link #toString()} masks it, and Luotsi never logs or audits it (audit
 * records carry a keyed pseudonym).
 *
 * <pre>{@code
 * DataSubject aino = DataSubject.person("FI010101-123N");
 * aino.country();      // "FI"
 * aino.nationalId();   // "010101-123N"  (what national services such as Suomi.fi Valtuudet expect)
 * }</pre>
 *
 * @param kind a person or an organisation
 * @param id   the country-prefixed identifier
 */
public record DataSubject(Kind kind, String id) {

    private static final Pattern ID = Pattern.compile("[A-Z]{2}[A-Za-z0-9+._-]{1,62}");

    /** Natural or legal person. */
    public enum Kind {
        PERSON,
        ORGANISATION
    }

    public DataSubject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            // The value is not printed: it is personal data, and it is wrong.
            throw new IllegalArgumentException("a data subject identifier is two capital letters of the country and "
                    + "the national identifier (EE and the personal code, FI and the HETU, ...), up to 64 characters");
        }
    }

    public static DataSubject person(String id) {
        return new DataSubject(Kind.PERSON, id);
    }

    public static DataSubject organisation(String id) {
        return new DataSubject(Kind.ORGANISATION, id);
    }

    /** The country prefix, e.g. {@code EE}. */
    public String country() {
        return id.substring(0, 2);
    }

    /** The identifier without the country prefix, e.g. {@code 37702211234}. */
    public String nationalId() {
        return id.substring(2);
    }

    /** Masked: {@code DataSubject[PERSON EE*********34]}. */
    @Override
    public String toString() {
        return "DataSubject[" + kind + " " + Redaction.personalCode(id) + "]";
    }
}
