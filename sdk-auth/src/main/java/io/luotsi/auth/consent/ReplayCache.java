package io.luotsi.auth.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers which evidence was presented for which message, so that the same presentation is accepted once: bounded
 * in time (entries older than the window are forgotten) and in size (when full, the oldest entry is forgotten first,
 * and a warning is logged: the effective window then shrinks). Thread-safe.
 *
 * <pre>{@code
 * ReplayCache seen = ReplayCache.create(100_000, Duration.ofHours(24));
 * if (!seen.firstSeen(evidenceId + "|" + messageId, now)) refuse(REPLAYED);
 * }</pre>
 */
public final class ReplayCache {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayCache.class);

    private final int maxEntries;
    private final Duration window;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();
    private Instant lastWarning = Instant.MIN;

    private ReplayCache(int maxEntries, Duration window) {
        this.maxEntries = maxEntries;
        this.window = window;
    }

    /**
     * @param maxEntries the most keys kept (at least 1)
     * @param window     how long a key is kept (positive)
     */
    public static ReplayCache create(int maxEntries, Duration window) {
        Objects.requireNonNull(window, "window");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        return new ReplayCache(maxEntries, window);
    }

    /**
     * Records the key and says whether it is new: {@code false} when it was seen within the window before
     * {@code now}.
     */
    public synchronized boolean firstSeen(String key, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        Instant cutoff = now.minus(window);
        Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Instant> e = it.next();
            if (e.getValue().isAfter(cutoff)) {
                break;
            }
            it.remove();
        }
        Instant before = seen.get(key);
        if (before != null && before.isAfter(cutoff)) {
            return false;
        }
        seen.remove(key);
        seen.put(key, now);
        if (seen.size() > maxEntries) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
            if (now.isAfter(lastWarning.plusSeconds(60))) {
                lastWarning = now;
                LOG.warn("replay cache full ({} entries): forgetting entries before their {} window ends", maxEntries,
                        window);
            }
        }
        return true;
    }

    public synchronized int size() {
        return seen.size();
    }

    @Override
    public String toString() {
        return "ReplayCache[" + maxEntries + " entries, " + window + "]";
    }
}
