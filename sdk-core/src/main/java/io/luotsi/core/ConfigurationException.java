package io.luotsi.core;

/**
 * The SDK or the material it was given is not usable: a key store that does not open, a certificate that does not
 * match its key, a configuration file that does not parse. The message names the file and the problem, never a
 * secret.
 */
public non-sealed class ConfigurationException extends LuotsiException {

    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message, null, null, null);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause, null, null);
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
