package io.luotsi.xroad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Error codes in both casings (X-Road up to 7.7 and from 7.8; protocol digest §0.1 and §2.8), and what each code
 * family says about origin, retryability and whether the provider may have acted on the request.
 */
class XRoadErrorCodeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "Server.ServerProxy.AccessDenied,                  server.serverproxy.access_denied",
            "Server.ClientProxy.OutdatedGlobalConf,            server.clientproxy.global_conf_outdated",
            "Server.ServerProxy.ServiceFailed.NetworkError,    server.serverproxy.service_failed.network_error",
            "Server.ServerProxy.NetworkError,                  server.serverproxy.network_error",
            "Server.ServerProxy.DatabaseError,                 server.serverproxy.database_error",
            "Client.BadRequest,                                client.bad_request",
            "Server.ClientProxy.IOError,                       server.clientproxy.io_error",
            "Server.ClientProxy.ServiceFailed.IOError,         server.clientproxy.service_failed.io_error",
            "Server.ClientProxy.MissingHeaderField,            server.clientproxy.missing_header_field",
            "Client.InvalidSoap,                               client.invalid_soap",
            "Client.InvalidSoapAction,                         client.invalid_soap_action",
            "Server.ServerProxy.ServiceType,                   server.serverproxy.service_type",
            "Server.ClientProxy.SslAuthenticationFailed,       server.clientproxy.ssl_authentication_failed",
            "Server.ServerProxy.ClientProxyVersionNotSupported, server.serverproxy.client_proxy_version_not_supported",
            "Server.ServerProxy.ServiceFailed.HttpError,       server.serverproxy.service_failed.http_error",
            "Server.ClientProxy.HSMNonOperational,             server.clientproxy.hsm_non_operational",
            "Server.ServerProxy.OpMonitor.InternalError,       server.serverproxy.op_monitor.internal_error",
            "server.serverproxy.access_denied,                 server.serverproxy.access_denied",
            "server.clientproxy.global_conf_outdated,          server.clientproxy.global_conf_outdated",
            "server.serverproxy.service_failed.unknown_host,   server.serverproxy.service_failed.unknown_host",
            "client.invalid_client_identifier,                 client.invalid_client_identifier",
    })
    void normalisesBothCasingsToThe78Form(String raw, String code) {
        XRoadErrorCode c = XRoadErrorCode.parse(raw);
        assertThat(c.code()).isEqualTo(code);
        assertThat(c.original()).isEqualTo(raw);
        assertThat(c.isXRoadCode()).isTrue();
        assertThat(XRoadErrorCode.sameCode(raw, code)
                || raw.equals("Server.ClientProxy.OutdatedGlobalConf")).isTrue();
        assertThat(XRoadErrorCode.parse(code)).isEqualTo(new XRoadErrorCode(code, code));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soap:Server", "foo:FOOCODE", "CODE", "soapenv:Server.CODE", "SOAP-ENV:Clientrwerete",
            "Server", "Client", "ServerError.X"})
    void keepsCodesThatAreNotXRoadsUnchanged(String raw) {
        XRoadErrorCode c = XRoadErrorCode.parse(raw);
        assertThat(c.code()).isEqualTo(raw);
        assertThat(c.isXRoadCode()).isFalse();
        assertThat(c.origin()).isEqualTo(ErrorOrigin.PROVIDER_SERVICE);
        assertThat(c.retryable()).isFalse();
        assertThat(c.requestMayHaveBeenProcessed()).isTrue();
    }

    @Test
    void rejectsAnEmptyCode() {
        assertThatThrownBy(() -> XRoadErrorCode.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * code, origin, retryable, requestMayHaveBeenProcessed. Reasons X-Road raises before anything is forwarded prove
     * that nothing was processed; everything else is conservatively "may have been processed".
     */
    @ParameterizedTest(name = "{0}: {1} retryable={2} processed={3}")
    @CsvSource({
            // client.*: the consumer SS rejected the request; never forwarded, retrying the same request cannot help
            "client.invalid_soap,                                CLIENT_REQUEST,           false, false",
            "Client.BadRequest,                                  CLIENT_REQUEST,           false, false",
            "client.missing_header_field,                        CLIENT_REQUEST,           false, false",
            "client.network_error,                               CLIENT_REQUEST,           false, false",
            // server.clientproxy.*: the consumer SS failed (or could not reach the provider's)
            "server.clientproxy.global_conf_outdated,            CONSUMER_SECURITY_SERVER, true,  false",
            "Server.ClientProxy.OutdatedGlobalConf,              CONSUMER_SECURITY_SERVER, true,  false",
            "server.clientproxy.maintenance_mode,                CONSUMER_SECURITY_SERVER, true,  false",
            "server.clientproxy.unknown_member,                  CONSUMER_SECURITY_SERVER, false, false",
            "server.clientproxy.invalid_client_identifier,       CONSUMER_SECURITY_SERVER, false, false",
            "server.clientproxy.ssl_authentication_failed,       CONSUMER_SECURITY_SERVER, false, false",
            "server.clientproxy.cannot_create_signature,         CONSUMER_SECURITY_SERVER, true,  false",
            "server.clientproxy.network_error,                   CONSUMER_SECURITY_SERVER, true,  true",
            "Server.ClientProxy.NetworkError,                    CONSUMER_SECURITY_SERVER, true,  true",
            "server.clientproxy.io_error,                        CONSUMER_SECURITY_SERVER, true,  true",
            "Server.ClientProxy.IOError,                         CONSUMER_SECURITY_SERVER, true,  true",
            "server.clientproxy.http_error,                      CONSUMER_SECURITY_SERVER, true,  true",
            "server.clientproxy.missing_signature,               CONSUMER_SECURITY_SERVER, false, true",
            "server.clientproxy.internal_error,                  CONSUMER_SECURITY_SERVER, true,  true",
            // server.clientproxy.service_failed.*: the provider side failed after receiving the request
            "server.clientproxy.service_failed.io_error,         PROVIDER_SECURITY_SERVER, true,  true",
            "server.clientproxy.service_failed.inconsistent_response, PROVIDER_SECURITY_SERVER, false, true",
            "server.clientproxy.service_failed.invalid_soap,     PROVIDER_SECURITY_SERVER, false, true",
            // server.serverproxy.*: the provider SS failed or refused
            "server.serverproxy.access_denied,                   PROVIDER_SECURITY_SERVER, false, false",
            "Server.ServerProxy.AccessDenied,                    PROVIDER_SECURITY_SERVER, false, false",
            "server.serverproxy.unknown_service,                 PROVIDER_SECURITY_SERVER, false, false",
            "server.serverproxy.service_disabled,                PROVIDER_SECURITY_SERVER, false, false",
            "server.serverproxy.service_type,                    PROVIDER_SECURITY_SERVER, false, false",
            "server.serverproxy.missing_signature,               PROVIDER_SECURITY_SERVER, false, false",
            "server.serverproxy.client_proxy_version_not_supported, PROVIDER_SECURITY_SERVER, false, false",
            "server.serverproxy.cannot_create_signature,         PROVIDER_SECURITY_SERVER, true,  true",
            "Server.ServerProxy.DatabaseError,                   PROVIDER_SECURITY_SERVER, true,  true",
            "Server.ServerProxy.NetworkError,                    PROVIDER_SECURITY_SERVER, true,  true",
            "server.serverproxy.internal_error,                  PROVIDER_SECURITY_SERVER, true,  true",
            // server.serverproxy.service_failed.*: the provider's service failed
            "server.serverproxy.service_failed.unknown_host,     PROVIDER_SERVICE,         true,  false",
            "server.serverproxy.service_failed.ssl_authentication_failed, PROVIDER_SERVICE, false, false",
            "server.serverproxy.service_failed.network_error,    PROVIDER_SERVICE,         true,  true",
            "Server.ServerProxy.ServiceFailed.NetworkError,      PROVIDER_SERVICE,         true,  true",
            "server.serverproxy.service_failed.http_error,       PROVIDER_SERVICE,         true,  true",
            "server.serverproxy.service_failed.io_error,         PROVIDER_SERVICE,         true,  true",
            "server.serverproxy.service_failed.invalid_body,     PROVIDER_SERVICE,         false, true",
            "server.serverproxy.service_failed.missing_header,   PROVIDER_SERVICE,         false, true",
    })
    void classifiesEachCodeFamily(String raw, ErrorOrigin origin, boolean retryable, boolean processed) {
        XRoadErrorCode c = XRoadErrorCode.parse(raw);
        assertThat(c.origin()).as("origin").isEqualTo(origin);
        assertThat(c.retryable()).as("retryable").isEqualTo(retryable);
        assertThat(c.requestMayHaveBeenProcessed()).as("requestMayHaveBeenProcessed").isEqualTo(processed);
    }

    @ParameterizedTest
    @CsvSource({"server.serverproxy.access_denied, 500", "server.clientproxy.network_error, 500",
            "client.bad_request, 400", "Client.BadRequest, 400", "Server.ClientProxy.IOError, 500"})
    void knowsTheRestStatusXRoadSendsForACode(String raw, int status) {
        assertThat(XRoadErrorCode.parse(raw).restStatus()).isEqualTo(status);
    }

    @Test
    void reasonIsTheLastSegment() {
        assertThat(XRoadErrorCode.parse("Server.ServerProxy.ServiceFailed.NetworkError").reason())
                .isEqualTo("network_error");
        assertThat(XRoadErrorCode.parse("client.invalid_soap").toString()).isEqualTo("client.invalid_soap");
        assertThat(XRoadErrorCode.isLegacyForm("Server.ClientProxy.IOError")).isTrue();
        assertThat(XRoadErrorCode.isLegacyForm("server.clientproxy.io_error")).isFalse();
    }

    @Test
    void exceptionCarriesCodeOriginAndIds() {
        XRoadException e = new XRoadException(XRoadErrorCode.parse("Server.ClientProxy.NetworkError"), "boom",
                "3c4d0f08", 500, "msg-1", "req-1");
        assertThat(e.code()).isEqualTo("server.clientproxy.network_error");
        assertThat(e.origin()).isEqualTo(ErrorOrigin.CONSUMER_SECURITY_SERVER);
        assertThat(e.retryable()).isTrue();
        assertThat(e.statusCode()).isEqualTo(500);
        assertThat(e.faultString()).contains("boom");
        assertThat(e.detail()).contains("3c4d0f08");
        assertThat(e.getMessage()).contains("server.clientproxy.network_error").contains("boom").contains("3c4d0f08")
                .contains("msg-1").contains("req-1");
        assertThat(e.messageId()).contains("msg-1");
        assertThat(e.requestId()).contains("req-1");
    }
}
