package io.luotsi.xroad;

import io.luotsi.xroad.internal.PercentCodec;
import java.util.ArrayList;
import java.util.List;

/** Splits identifier text on {@code /}, optionally percent-decoding each part, and reads the type prefix. */
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

    /**
     * The object type {@code text} starts with ({@code SERVER:…}), or {@code null} when it has no type prefix.
     *
     * @throws IllegalArgumentException when the prefix names a type other than {@code accepted}: a
     *     {@code SERVER:…} string is not a client id, even though its parts would fit
     */
    static XRoadObjectType declaredType(String text, String idKind, XRoadObjectType... accepted) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String prefix = text.substring(0, colon);
        for (XRoadObjectType t : XRoadObjectType.values()) {
            if (t.name().equals(prefix)) {
                for (XRoadObjectType a : accepted) {
                    if (a == t) {
                        return t;
                    }
                }
                throw new IllegalArgumentException("a " + t + " id is not a " + idKind + " id: " + text);
            }
        }
        return null;
    }

    /** {@code text} without its type prefix, if it has one of {@code accepted}. */
    static String body(String text, XRoadObjectType declared) {
        return declared == null ? text : text.substring(declared.name().length() + 1);
    }
}
