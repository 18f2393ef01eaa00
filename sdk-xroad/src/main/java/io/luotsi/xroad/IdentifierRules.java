package io.luotsi.xroad;

/**
 * The character rules for identifier values.
 * <ul>
 *   <li><b>strict</b> (PR-MESS §2.7, PR-REST §4.8): only {@code A–Z a–z 0–9 ' ( ) + , - . = ?}. Identifiers Luotsi
 *       builds through the factories ({@code ClientId.subsystem(...)}) must follow it.
 *   <li><b>lenient</b>: any non-blank value. Parsing accepts it, because legacy identifiers with spaces and other
 *       characters exist in real configurations ({@code mgmt service provider}) and X-Road's proxy only warns.
 * </ul>
 */
public final class IdentifierRules {

    private IdentifierRules() {
    }

    /** Whether {@code value} is non-empty and uses only the strict character set. */
    public static boolean isStrict(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || "'()+,-.=?".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether X-Road's proxy would warn about the value ({@code MessageProcessorBase.checkIdentifier}): control
     * characters, {@code % : ; / \}, U+200B or U+FEFF.
     */
    public static boolean isSuspicious(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || "%:;/\\".indexOf(c) >= 0 || c == '\u200b' || c == '\ufeff') {
                return true;
            }
        }
        return false;
    }

    static String requireStrict(String value, String name) {
        java.util.Objects.requireNonNull(value, name);
        if (!isStrict(value)) {
            throw new IllegalArgumentException(name + " '" + value + "' uses characters outside A-Z a-z 0-9 '()+,-.=? "
                    + "(PR-MESS §2.7); legacy values can be parsed with parse(...) instead");
        }
        return value;
    }

    static String requireValue(String value, String name) {
        java.util.Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        return value;
    }

    static String optionalValue(String value, String name) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank (use null for none)");
        }
        return value;
    }
}
