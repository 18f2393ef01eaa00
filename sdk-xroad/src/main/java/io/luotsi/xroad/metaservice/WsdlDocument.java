package io.luotsi.xroad.metaservice;

import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.metaservice.internal.WsdlScanner;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The WSDL of a SOAP service as {@code getWsdl} returns it: the document as the provider published it (the Security
 * Server only replaces every {@code soap:address} location with {@code http://example.org/xroad-endpoint}), with
 * minimal typed access to what a client needs without a WSDL library: the operations with the service version X-Road
 * puts under {@code binding/operation} ({@code xrd:version}), and the port addresses.
 *
 * <pre>{@code
 * WsdlDocument wsdl = client.metaservices().soap().getWsdl(producer.service("getRandom").withVersion("v1"));
 * wsdl.operationNames();              // [getRandom, helloService]
 * wsdl.version("getRandom");          // Optional[v1]
 * wsdl.soapAddresses();               // [http://example.org/xroad-endpoint]
 * String xml = wsdl.text();           // hand it to the WSDL tooling of your choice
 * }</pre>
 *
 * The document is read (through the hardened parser: no DOCTYPE, bounded size and depth) when one of the typed
 * accessors is first called; a document that is not WSDL 1.1 makes them throw
 * {@link io.luotsi.xroad.XRoadProtocolException} {@code invalid_wsdl}, while {@link #bytes()} and {@link #text()}
 * still give it as received. Immutable and thread-safe.
 */
public final class WsdlDocument implements ServiceDocument {

    /** Largest WSDL the typed accessors read. */
    private static final long MAX_BYTES = 64L * 1024 * 1024;

    /**
     * An operation of the WSDL.
     *
     * @param name    the operation name: the service code
     * @param version the {@code xrd:version} of its binding operation, or {@code null} when it has none
     */
    public record Operation(String name, String version) {
        public Operation {
            Objects.requireNonNull(name, "name");
        }
    }

    private final ServiceId service;
    private final byte[] bytes;
    private final String contentType;
    private volatile WsdlScanner.Info info;

    public WsdlDocument(ServiceId service, byte[] bytes, String contentType) {
        this.service = Objects.requireNonNull(service, "service");
        this.bytes = Objects.requireNonNull(bytes, "bytes").clone();
        this.contentType = contentType;
    }

    /** The service the document was asked for. */
    @Override
    public ServiceId service() {
        return service;
    }

    /** {@link ServiceType#WSDL}. */
    @Override
    public ServiceType type() {
        return ServiceType.WSDL;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The content type of the WSDL part ({@code text/xml} from X-Road), or {@code null}. */
    @Override
    public String contentType() {
        return contentType;
    }

    /** The document as text, in the charset its content type names (UTF-8 otherwise). */
    @Override
    public String text() {
        return new String(bytes, charset());
    }

    /** The {@code targetNamespace} of {@code wsdl:definitions}. */
    public Optional<String> targetNamespace() {
        return Optional.ofNullable(scan().targetNamespace());
    }

    /** The operations of the port types and bindings, in document order, each once. */
    public List<Operation> operations() {
        List<Operation> result = new ArrayList<>();
        for (Map.Entry<String, String> e : scan().versions().entrySet()) {
            result.add(new Operation(e.getKey(), e.getValue()));
        }
        return List.copyOf(result);
    }

    /** The operation names: the service codes the WSDL describes. */
    public List<String> operationNames() {
        return List.copyOf(scan().versions().keySet());
    }

    /** Whether the WSDL has this operation. */
    public boolean hasOperation(String name) {
        return scan().versions().containsKey(Objects.requireNonNull(name, "name"));
    }

    /** The {@code xrd:version} of an operation; empty when it has none or the WSDL lacks the operation. */
    public Optional<String> version(String operation) {
        return Optional.ofNullable(scan().versions().get(Objects.requireNonNull(operation, "operation")));
    }

    /** The {@code soap:address} locations of the ports, in order (SOAP 1.1 and 1.2 bindings). */
    public List<String> soapAddresses() {
        return scan().addresses();
    }

    private WsdlScanner.Info scan() {
        WsdlScanner.Info i = info;
        if (i == null) {
            i = WsdlScanner.scan(bytes, MAX_BYTES);
            info = i;
        }
        return i;
    }

    private Charset charset() {
        if (contentType != null) {
            for (String p : contentType.split(";")) {
                String t = p.trim();
                if (t.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    try {
                        return Charset.forName(t.substring(8).replace("\"", "").trim());
                    } catch (RuntimeException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public String toString() {
        return "WsdlDocument[" + service + ", " + bytes.length + " bytes, " + contentType + "]";
    }
}
