package io.luotsi.xroad.directory.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Close matches by Levenshtein distance, for "did you mean" suggestions. */
public final class EditDistance {

    private EditDistance() {
    }

    /** The edit distance of the lower-cased strings, or {@code limit + 1} once it exceeds {@code limit}. */
    public static int distance(String a, String b, int limit) {
        String s = a.toLowerCase(Locale.ROOT);
        String t = b.toLowerCase(Locale.ROOT);
        if (Math.abs(s.length() - t.length()) > limit) {
            return limit + 1;
        }
        int[] prev = new int[t.length() + 1];
        int[] cur = new int[t.length() + 1];
        for (int j = 0; j <= t.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= s.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= t.length(); j++) {
                int cost = s.charAt(i - 1) == t.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return Math.min(prev[t.length()], limit + 1);
    }

    /** How far a candidate may be from {@code wanted} to be suggested: about a third of its length, 1 to 3. */
    public static int limitFor(String wanted) {
        return Math.max(1, Math.min(3, wanted.length() / 3));
    }

    /** A candidate and its label. */
    public record Candidate(String key, String label) {
    }

    /** The labels of the candidates closest to {@code wanted}, closest first, at most {@code max}. */
    public static List<String> closest(String wanted, Iterable<Candidate> candidates, int max) {
        int limit = limitFor(wanted);
        List<Object[]> found = new ArrayList<>();
        for (Candidate c : candidates) {
            int d = distance(wanted, c.key(), limit);
            if (d <= limit) {
                found.add(new Object[] {d, c.label()});
            }
        }
        found.sort(Comparator.<Object[]>comparingInt(o -> (Integer) o[0]).thenComparing(o -> (String) o[1]));
        List<String> result = new ArrayList<>();
        for (Object[] o : found) {
            String label = (String) o[1];
            if (!result.contains(label)) {
                result.add(label);
            }
            if (result.size() == max) {
                break;
            }
        }
        return result;
    }
}
