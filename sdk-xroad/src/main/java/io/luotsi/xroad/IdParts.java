package io.luotsi.xroad;

import io.luotsi.xroad.internal.PercentCodec;
import java.util.ArrayList;
import java.util.List;

/** Splits identifier text on {@code /}, optionally percent-decoding each part. */
final class IdParts {

    private IdParts() {
    }

    static List<String> split(String text, boolean decode) {
        List<String> parts = new ArrayList<>(6);
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '/') {
                String part = text.substring(start, i);
                parts.add(decode ? PercentCodec.decodeSegmentLenient(part) : part);
                start = i + 1;
            }
        }
        return parts;
    }
}
