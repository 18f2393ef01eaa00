package io.luotsi.xroad.rest;

import io.luotsi.core.ProtocolException;
import io.luotsi.core.http.HttpResponse;
import io.luotsi.xroad.XRoadHeaders;
import io.luotsi.xroad.XRoadMetadata;
import io.luotsi.xroad.internal.ClientRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.Locale;

/** Turns successful responses into typed results. */
final class RestBodies {

    private RestBodies() {
    }

    static <T> RestResponse<T> read(HttpResponse response, Type type, ClientRuntime runtime) {
        XRoadMetadata meta = XRoadMetadata.fromRestHeaders(response.headers());
        // The response's X-Road-Id, or else the one this client sent.
        String messageId = meta.messageId().orElse(response.request().headers().lastValue(XRoadHeaders.ID));
        String requestId = meta.requestId().orElse(null);
        try {
            return readBody(response, type, runtime, meta);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof io.luotsi.xroad.internal.SafeXml.SizeLimitExceededException) {
                throw new ProtocolException("response body exceeds the limit of " + runtime.maxBodyBytes()
                        + " bytes; use executeStreaming() for large bodies", e, messageId, requestId);
            }
            throw io.luotsi.core.HttpPipeline.transportFailure(e.getCause(), response.request(), messageId);
        } catch (ProtocolException e) {
            // Body limits, JSON errors and content types: the same failure, with the ids of the exchange.
            throw new ProtocolException(e.getMessage(), e, messageId, requestId);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> RestResponse<T> readBody(HttpResponse response, Type type, ClientRuntime runtime,
                                                XRoadMetadata meta) {
        try (response) {
            boolean noBody = type == Void.class || type == void.class || response.status() == 204
                    || response.status() == 304 || response.isRedirect() || response.request().method().equals("HEAD");
            if (noBody) {
                return new RestResponse<>(response.status(), response.headers(), null, meta);
            }
            if (type == byte[].class) {
                return new RestResponse<>(response.status(), response.headers(),
                        (T) response.body().bytes(runtime.maxBodyBytes()), meta);
            }
            if (type == String.class) {
                return new RestResponse<>(response.status(), response.headers(),
                        (T) response.body().string(runtime.maxBodyBytes()), meta);
            }
            String ct = response.body().contentType();
            if (ct != null && !ct.toLowerCase(Locale.ROOT).contains("json")) {
                throw new ProtocolException("expected a JSON body for " + typeName(type) + ", got " + ct
                        + "; read it as String, byte[] or with executeStreaming()");
            }
            try (InputStream in = io.luotsi.xroad.internal.SafeXml.limit(response.body().stream(),
                    runtime.maxBodyBytes())) {
                T value = runtime.json().read(in, type);
                return new RestResponse<>(response.status(), response.headers(), value, meta);
            } catch (IOException e) {
                throw new UncheckedIOException("reading response body failed", e);
            }
        }
    }

    private static String typeName(Type type) {
        return type instanceof Class<?> c ? c.getSimpleName() : type.getTypeName();
    }
}
