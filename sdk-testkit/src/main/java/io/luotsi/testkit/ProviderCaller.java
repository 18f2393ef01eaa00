package io.luotsi.testkit;

import io.luotsi.testkit.internal.HeaderField;
import io.luotsi.testkit.internal.XRoadFault;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sends a request to a real provider on this machine, as a provider Security Server does
 * ({@code ServerRestMessageProcessor}): the service address, then the raw service path, then {@code ?} and the raw
 * query; the filtered headers; a body only for POST, PUT and PATCH (Apache HttpClient's entity-enclosing methods);
 * redirects not followed. Failures become X-Road's codes: connection failures {@code network_error}, an unknown host
 * {@code unknown_host}, other I/O {@code io_error}, all with the {@code server.serverproxy.} prefix.
 */
final class ProviderCaller {

    private static final Set<String> ENTITY_METHODS = Set.of("POST", "PUT", "PATCH");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** The provider's answer. */
    record Answer(int status, List<HeaderField> headers, byte[] body) {
    }

    private final HttpClient client;
    private final Duration timeout;
    private final long maxBodyBytes;

    ProviderCaller(Duration timeout, long maxBodyBytes) {
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    static boolean sendsBody(String method) {
        return ENTITY_METHODS.contains(method);
    }

    /** X-Road's {@code concatPath}: the service path after the address, without doubling a {@code /}. */
    static String target(URI base, String servicePath, String query) {
        String address = base.toString();
        if (servicePath != null && !servicePath.isEmpty()) {
            address = address.endsWith("/") && servicePath.startsWith("/")
                    ? address + servicePath.substring(1) : address + servicePath;
        }
        return query == null ? address : address + "?" + query;
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || (IPV4.matcher(h).matches() && h.startsWith("127."));
    }

    Answer call(URI target, String method, List<HeaderField> headers, byte[] body) {
        String host = target.getHost();
        if (host == null || !isLoopback(host)) {
            throw new XRoadFault("server.serverproxy.unknown_host", (host == null ? target.toString() : host)
                    + ": Name or service not known", XRoadFault.Kind.PROVIDER_FAILURE);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout).expectContinue(false);
        for (HeaderField h : headers) {
            try {
                request.header(h.name(), h.value());
            } catch (IllegalArgumentException restricted) {
                // A header the JDK client sets itself or refuses; X-Road's filtering already removed the usual ones.
            }
        }
        request.setHeader("User-Agent", "Luotsi-FakeSecurityServer");
        request.method(method, body.length > 0 && sendsBody(method)
                ? HttpRequest.BodyPublishers.ofByteArray(body) : HttpRequest.BodyPublishers.noBody());
        int port = target.getPort() != -1 ? target.getPort()
                : "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw networkError(host, port, "connect timed out", e);
        } catch (ConnectException e) {
            throw networkError(host, port, "Connection refused", e);
        } catch (HttpTimeoutException e) {
            throw new XRoadFault("server.serverproxy.io_error", "Read timed out", XRoadFault.Kind.PROVIDER_FAILURE,
                    e);
        } catch (IOException e) {
            throw new XRoadFault("server.serverproxy.io_error", String.valueOf(e.getMessage()),
                    XRoadFault.Kind.PROVIDER_FAILURE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XRoadFault("server.serverproxy.io_error", "interrupted", XRoadFault.Kind.PROVIDER_FAILURE, e);
        }
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes));
            if (in.read() != -1) {
                throw new XRoadFault("server.serverproxy.io_error", "Response body exceeds the limit of "
                        + maxBodyBytes + " bytes", XRoadFault.Kind.PROVIDER_FAILURE);
            }
        } catch (IOException e) {
            throw new XRoadFault("server.serverproxy.io_error", String.valueOf(e.getMessage()),
                    XRoadFault.Kind.PROVIDER_FAILURE, e);
        }
        List<HeaderField> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : response.headers().map().entrySet()) {
            if (e.getKey().startsWith(":")) {
                continue;
            }
            for (String v : e.getValue()) {
                out.add(new HeaderField(e.getKey(), v));
            }
        }
        return new Answer(response.statusCode(), out, bytes);
    }

    private static XRoadFault networkError(String host, int port, String reason, IOException cause) {
        return new XRoadFault("server.serverproxy.network_error", "Connect to " + host + ":" + port + " [" + host
                + "] failed: " + reason, XRoadFault.Kind.PROVIDER_FAILURE, cause);
    }
}
