package io.luotsi.core.audit;

import java.util.Optional;

/**
 * What {@link AuditLogVerifier} found: either the whole file is intact, or the first line that is not, and why.
 *
 * @param intact                whether every line verified
 * @param lines                 lines read (up to and including the first bad one)
 * @param records               audit records among them (checkpoints not counted)
 * @param checkpoints           checkpoint lines among them
 * @param verifiedCheckpoints   checkpoints whose signature was verified (0 without a {@link CheckpointVerifier})
 * @param unsignedTail          records after the last verified checkpoint (all records when none was verified): these
 *                              are protected by the hash chain only
 * @param firstBadLine          the 1-based number of the first bad line, or 0 when intact
 * @param reason                why that line is bad, or {@code null} when intact
 */
public record AuditVerification(boolean intact, long lines, long records, long checkpoints, long verifiedCheckpoints,
                                long unsignedTail, long firstBadLine, String reason) {

    /** Why the first bad line is bad, when there is one. */
    public Optional<String> failure() {
        return Optional.ofNullable(reason);
    }

    /** {@code OK <n> records} or {@code ERROR <line> <reason>}, as {@code luotsi audit verify} prints it. */
    public String summary() {
        return intact ? "OK " + records + " records" : "ERROR " + firstBadLine + " " + reason;
    }

    @Override
    public String toString() {
        return "AuditVerification[" + summary() + "]";
    }
}
