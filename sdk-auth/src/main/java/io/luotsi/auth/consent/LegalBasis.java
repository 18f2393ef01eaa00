package io.luotsi.auth.consent;

import java.util.Locale;
import java.util.Objects;

/**
 * The lawful basis of a processing under GDPR Art. 6(1), by its DPV code ({@code A6-1-a} ... {@code A6-1-f}, IRIs
 * {@code https://w3id.org/dpv/legal/eu/gdpr#A6-1-a} ...). Public-sector exchanges mostly rest on a legal obligation
 * ({@link #LEGAL_OBLIGATION}, c) or a public task ({@link #PUBLIC_TASK}, e) with a statute behind it; consent
 * ({@link #CONSENT}, a) is the exception.
 */
public enum LegalBasis {
    /** Art. 6(1)(a): the data subject has given consent. */
    CONSENT("A6-1-a"),
    /** Art. 6(1)(b): necessary for a contract with the data subject. */
    CONTRACT("A6-1-b"),
    /** Art. 6(1)(c): necessary for a legal obligation of the controller. */
    LEGAL_OBLIGATION("A6-1-c"),
    /** Art. 6(1)(d): necessary to protect vital interests. */
    VITAL_INTERESTS("A6-1-d"),
    /** Art. 6(1)(e): necessary for a task in the public interest or in the exercise of official authority. */
    PUBLIC_TASK("A6-1-e"),
    /** Art. 6(1)(f): necessary for legitimate interests of the controller or a third party. */
    LEGITIMATE_INTERESTS("A6-1-f");

    private static final String IRI_PREFIX = "https://w3id.org/dpv/legal/eu/gdpr#";

    private final String code;

    LegalBasis(String code) {
        this.code = code;
    }

    /** The DPV code, e.g. {@code A6-1-e}. */
    public String code() {
        return code;
    }

    /** The DPV IRI, e.g. {@code https://w3id.org/dpv/legal/eu/gdpr#A6-1-e}. */
    public String iri() {
        return IRI_PREFIX + code;
    }

    /** Whether Art. 6(3) requires the basis to be laid down by law, so that a legal reference must be named. */
    public boolean needsLegalReference() {
        return this == LEGAL_OBLIGATION || this == PUBLIC_TASK;
    }

    /**
     * The basis for a code ({@code A6-1-e}), a prefixed code ({@code eu-gdpr:A6-1-e}) or a DPV IRI.
     *
     * @throws IllegalArgumentException when it names none
     */
    public static LegalBasis parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim();
        if (t.startsWith(IRI_PREFIX)) {
            t = t.substring(IRI_PREFIX.length());
        } else if (t.regionMatches(true, 0, "eu-gdpr:", 0, 8)) {
            t = t.substring(8);
        }
        for (LegalBasis b : values()) {
            if (b.code.equalsIgnoreCase(t) || b.name().equals(t.toUpperCase(Locale.ROOT))) {
                return b;
            }
        }
        throw new IllegalArgumentException("not a GDPR Art. 6(1) legal basis (A6-1-a ... A6-1-f): " + text);
    }
}
