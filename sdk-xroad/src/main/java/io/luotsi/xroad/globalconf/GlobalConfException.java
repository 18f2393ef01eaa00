package io.luotsi.xroad.globalconf;

import io.luotsi.core.VerificationException;
import java.util.Set;

/**
 * Global configuration could not be read, verified or downloaded. {@link #code()} is machine-readable: for the signed
 * directory and its parts it is the code X-Road's own configuration client reports for the same input
 * ({@code ConfigurationParser}, {@code ConfigurationDownloader}), e.g. {@value #SIGNATURE_VERIFICATION_FAILURE}.
 *
 * <pre>{@code
 * try {
 *     SignedDirectory dir = verifier.verify(bytes);
 * } catch (GlobalConfException e) {
 *     if (e.code().equals(GlobalConfException.OUTDATED)) { ... }   // expired: download again later
 * }
 * }</pre>
 *
 * Codes that X-Road has no name for (the on-disk layout, the anchor file, a download where every source failed
 * differently) are Luotsi's and named in the same style; each constant says which.
 */
public class GlobalConfException extends VerificationException {

    private static final long serialVersionUID = 1L;

    /** The first inner part has no {@code Expire-date} (X-Road {@code GLOBAL_CONF_HEADER_FIELD_MISSING}). */
    public static final String HEADER_FIELD_MISSING = "global_conf_header_field_missing";
    /** A header lacks a required parameter, e.g. {@code instance} or {@code hash-algorithm-id} (X-Road). */
    public static final String HEADER_FIELD_MISSING_PARAMETER = "global_conf_header_field_missing_parameter";
    /** A header has a value that cannot be used: a date, a version, an algorithm, a media type (X-Road). */
    public static final String HEADER_FIELD_WRONG_VALUE = "global_conf_header_field_wrong_value";
    /** The outer multipart has no signed part (X-Road {@code GLOBAL_CONF_MISSING_SIGNED_DATA}). */
    public static final String MISSING_SIGNED_DATA = "global_conf_missing_signed_data";
    /** The signed data was never read as a directory: no signature part, or no inner parts (X-Road). */
    public static final String MISSING_SIGNED_DATA_EXPIRATION_DATE = "global_conf_missing_signed_data_expiration_date";
    /** No trusted certificate has the {@code Verification-certificate-hash} (X-Road). */
    public static final String MISSING_VERIFICATION_CERT = "global_conf_missing_verification_cert";
    /** The signature is not base64 (X-Road). */
    public static final String SIGNATURE_DECODE_FAILURE = "global_conf_signature_decode_failure";
    /** The signature does not verify, is empty, or uses an unknown algorithm (X-Road). */
    public static final String SIGNATURE_VERIFICATION_FAILURE = "global_conf_signature_verification_failure";
    /** {@code Expire-date} is in the past (X-Road; the Security Server then answers {@code global_conf_outdated}). */
    public static final String OUTDATED = "global_conf_outdated";
    /** The directory is not a parseable MIME multipart (X-Road). */
    public static final String PARSING_FAILURE = "global_conf_parsing_downloaded_conf_directory_failure";
    /** A downloaded part does not have the hash the signed directory states (X-Road). */
    public static final String PART_INTEGRITY_FAILURE = "global_conf_part_downloaded_file_integrity_failure";
    /** A part could not be downloaded (X-Road {@code GLOBAL_CONF_PART_DOWNLOAD_FAILURE}). */
    public static final String PART_DOWNLOAD_FAILURE = "global_conf_part_download_failure";
    /** A part names an instance other than the source's, or a blank one (X-Road). */
    public static final String PART_INVALID_INSTANCE_IDENTIFIER = "global_conf_part_invalid_instance_identifier";
    /** A part's {@code Content-location} leaves the origin of the download URL (X-Road). */
    public static final String PART_INVALID_CONTENT_LOCATION = "global_conf_part_invalid_content_location";
    /** The directory could not be fetched from a source (X-Road {@code GLOBAL_CONF_DOWNLOAD_URL_CONNECTION_FAILURE}). */
    public static final String DOWNLOAD_URL_CONNECTION_FAILURE = "global_conf_download_url_connection_failure";
    /** Every source failed, for different reasons; the causes are attached as suppressed exceptions (X-Road). */
    public static final String DOWNLOAD_FAILED = "conf_download_failed";
    /** The anchor file is not a configuration anchor (X-Road {@code MALFORMED_ANCHOR}). */
    public static final String MALFORMED_ANCHOR = "malformed_anchor";
    /** shared-params or private-params do not parse, or an instance directory is missing (X-Road). */
    public static final String MALFORMED = "malformed_global_conf";
    /** The on-disk directory has no {@code instance-identifier} file (Luotsi; X-Road's FAILURE_MISSING_INSTANCE_IDENTIFIER). */
    public static final String MISSING_INSTANCE_IDENTIFIER = "global_conf_missing_instance_identifier";
    /** The on-disk path is not a configuration directory (Luotsi; X-Road's FAILURE_CONFIGURATION_ERROR). */
    public static final String CONFIGURATION_ERROR = "global_conf_configuration_error";

    private static final Set<String> RETRYABLE = Set.of(OUTDATED, PART_DOWNLOAD_FAILURE,
            DOWNLOAD_URL_CONNECTION_FAILURE, DOWNLOAD_FAILED, PART_INTEGRITY_FAILURE);

    public GlobalConfException(String code, String message) {
        this(code, message, null);
    }

    public GlobalConfException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }

    /**
     * Whether downloading again later may help: an outdated directory, a part that changed between the directory and
     * its download, a source that could not be reached. A bad signature or a malformed file stays bad.
     */
    @Override
    public boolean retryable() {
        return RETRYABLE.contains(code());
    }

    @Override
    public String getMessage() {
        return code() + ": " + super.getMessage();
    }
}
