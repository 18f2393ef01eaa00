package io.luotsi.xroad.globalconf;

/** Whether an OCSP responder or a time-stamping authority is free or paid (shared parameters V6). */
public enum CostType {
    FREE, PAID, UNDEFINED;

    /** Parses the XML value; an absent or unknown value is {@link #UNDEFINED}. */
    public static CostType parse(String text) {
        if (text == null) {
            return UNDEFINED;
        }
        return switch (text.trim()) {
            case "FREE" -> FREE;
            case "PAID" -> PAID;
            default -> UNDEFINED;
        };
    }
}
