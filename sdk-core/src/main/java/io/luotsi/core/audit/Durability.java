package io.luotsi.core.audit;

import java.time.Duration;
import java.util.Objects;

/**
 * When a {@link JsonLinesAuditLog} forces what it wrote to the storage device (fsync). In every mode each record is
 * handed to the operating system before {@code write} returns, so a record survives a crash of the JVM; the mode
 * decides what survives a crash of the machine (power loss, kernel panic):
 * <ul>
 *   <li>{@link #everyRecord()}: each record is on the device before {@code write} returns. Nothing acknowledged is
 *       lost, at the cost of one device flush per record (typically 0.1-10 ms);
 *   <li>{@link #groupCommit(Duration)} (the default, 100 ms): a background thread forces the file at most
 *       {@code interval} after a write, one flush for every record written in between. A machine crash loses at most
 *       the records of the last {@code interval};
 *   <li>{@link #onClose()}: the file is forced when the log closes; the operating system writes back before that when
 *       it chooses (within its dirty-page expiry, 30 s on Linux by default).
 * </ul>
 * A failed flush is not ignored: the next {@code write} throws, so callers fail closed.
 *
 * @param mode     the mode
 * @param interval the longest delay of a group commit; zero for the other modes
 */
public record Durability(Mode mode, Duration interval) {

    /** The three modes. */
    public enum Mode {
        EVERY_RECORD,
        GROUP_COMMIT,
        ON_CLOSE
    }

    public Durability {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(interval, "interval");
        if (mode == Mode.GROUP_COMMIT && (interval.isNegative() || interval.isZero())) {
            throw new IllegalArgumentException("a group commit interval must be positive: " + interval);
        }
        if (mode != Mode.GROUP_COMMIT && !interval.isZero()) {
            throw new IllegalArgumentException(mode + " has no interval");
        }
    }

    public static Durability everyRecord() {
        return new Durability(Mode.EVERY_RECORD, Duration.ZERO);
    }

    public static Durability groupCommit(Duration interval) {
        return new Durability(Mode.GROUP_COMMIT, interval);
    }

    public static Durability onClose() {
        return new Durability(Mode.ON_CLOSE, Duration.ZERO);
    }

    /** The default: group commit every 100 ms. */
    public static Durability defaults() {
        return groupCommit(Duration.ofMillis(100));
    }
}
