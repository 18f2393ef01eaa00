package io.luotsi.auth.xades;

import java.util.Optional;

/**
 * Resolves the URIs that a signature's references (other than same-document {@code #id} references) name: for an
 * ASiC-E container, {@code /message.xml} to that entry's bytes and {@code /attachment1} to its digest.
 */
@FunctionalInterface
public interface ReferenceResolver {

    /** The data {@code uri} refers to, or empty when it cannot be resolved. */
    Optional<ReferencedData> resolve(String uri);
}
