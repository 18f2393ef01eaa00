package io.luotsi.core;

/**
 * Evidence did not verify: a signature, certificate path, revocation status, hash chain or timestamp. The subclass or
 * {@link #code()} says which check failed.
 */
public non-sealed class VerificationException extends LuotsiException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public VerificationException(String code, String message, Throwable cause) {
        super(message, cause, null, null);
        this.code = java.util.Objects.requireNonNull(code, "code");
    }

    /** A stable, machine-readable code of the failed check (for X-Road evidence, X-Road's own code). */
    public String code() {
        return code;
    }

    @Override
    public boolean retryable() {
        return false;
    }

    @Override
    public boolean requestMayHaveBeenProcessed() {
        return false;
    }
}
