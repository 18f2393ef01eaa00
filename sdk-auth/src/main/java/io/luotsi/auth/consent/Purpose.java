package io.luotsi.auth.consent;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Why data about a person is requested: a purpose code, a description for people, the legal basis (GDPR Art. 6(1)),
 * the legal reference that lays it down (a statute, required for a legal obligation or public task), and the data
 * categories the request needs. Every request about a {@link DataSubject} carries one; the purpose decides which
 * evidence covers the request and which categories a provider may return.
 *
 * <pre>{@code
 * Purpose eligibility = Purpose.builder("benefit-eligibility")
 *     .description("Checking eligibility for the housing benefit")
 *     .legalBasis(LegalBasis.PUBLIC_TASK)
 *     .legalReference("Social Welfare Act § 131")
 *     .dataCategories("name", "address", "income")
 *     .build();
 * }</pre>
 *
 * @param code           the purpose code: 1-100 characters of {@code A-Z a-z 0-9 . _ : -} (it travels in headers)
 * @param description    what the purpose is, for people; may be {@code null} (never sent)
 * @param legalBasis     the legal basis
 * @param legalReference the law or decision the basis rests on; required for {@link LegalBasis#needsLegalReference()}
 * @param dataCategories the data categories requested: not empty, each 1-64 characters of {@code A-Z a-z 0-9 . _ -};
 *                       kept sorted
 */
public record Purpose(String code, String description, LegalBasis legalBasis, String legalReference,
                      Set<String> dataCategories) {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Pattern CATEGORY = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public Purpose {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(legalBasis, "legalBasis");
        Objects.requireNonNull(dataCategories, "dataCategories");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("a purpose code is 1-100 characters of A-Z a-z 0-9 . _ : -, was '"
                    + code + "'");
        }
        if (legalReference != null && legalReference.isBlank()) {
            legalReference = null;
        }
        if (legalBasis.needsLegalReference() && legalReference == null) {
            throw new IllegalArgumentException("purpose " + code + ": a " + legalBasis + " (" + legalBasis.code()
                    + ") basis must name the law it rests on (legalReference)");
        }
        if (dataCategories.isEmpty()) {
            throw new IllegalArgumentException("purpose " + code + ": name the data categories it needs");
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (String c : dataCategories) {
            if (c == null || !CATEGORY.matcher(c).matches()) {
                throw new IllegalArgumentException("purpose " + code + ": a data category is 1-64 characters of "
                        + "A-Z a-z 0-9 . _ -, was '" + c + "'");
            }
            sorted.add(c);
        }
        dataCategories = Collections.unmodifiableSet(sorted);
    }

    public static Builder builder(String code) {
        return new Builder(code);
    }

    /** A builder with this purpose's values, to derive a sibling (fewer categories, say). */
    public Builder toBuilder() {
        return new Builder(code).description(description).legalBasis(legalBasis).legalReference(legalReference)
                .dataCategories(dataCategories);
    }

    /** Builds a {@link Purpose}; the legal basis and at least one data category are required. */
    public static final class Builder {
        private final String code;
        private String description;
        private LegalBasis legalBasis;
        private String legalReference;
        private final Set<String> categories = new TreeSet<>();

        private Builder(String code) {
            this.code = Objects.requireNonNull(code, "code");
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder legalBasis(LegalBasis legalBasis) {
            this.legalBasis = Objects.requireNonNull(legalBasis, "legalBasis");
            return this;
        }

        public Builder legalReference(String legalReference) {
            this.legalReference = legalReference;
            return this;
        }

        public Builder dataCategories(String... categories) {
            return dataCategories(List.of(categories));
        }

        public Builder dataCategories(Collection<String> categories) {
            Objects.requireNonNull(categories, "categories");
            this.categories.clear();
            this.categories.addAll(categories);
            return this;
        }

        /**
         * @throws IllegalStateException    without a legal basis
         * @throws IllegalArgumentException when a value does not qualify (see {@link Purpose})
         */
        public Purpose build() {
            if (legalBasis == null) {
                throw new IllegalStateException("purpose " + code + ": legalBasis is required");
            }
            return new Purpose(code, description, legalBasis, legalReference, categories);
        }
    }
}
