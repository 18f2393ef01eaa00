package io.luotsi.auth.xades;

import java.util.Base64;
import java.util.Optional;
import org.apache.xml.security.signature.XMLSignatureByteInput;
import org.apache.xml.security.signature.XMLSignatureDigestInput;
import org.apache.xml.security.signature.XMLSignatureInput;
import org.apache.xml.security.signature.XMLSignatureNodeInput;
import org.apache.xml.security.utils.resolver.ResourceResolverContext;
import org.apache.xml.security.utils.resolver.ResourceResolverException;
import org.apache.xml.security.utils.resolver.ResourceResolverSpi;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The resource resolvers signatures use: same-document ids the X-Road way, and a caller's {@link ReferenceResolver}. */
final class SantuarioResolvers {

    private SantuarioResolvers() {
    }

    /** Initialises Santuario once (its algorithm registry; no JVM-wide setting). */
    static void init() {
        Init.ONCE.hashCode();
    }

    private static final class Init {
        static final Object ONCE = new Object();

        static {
            org.apache.xml.security.Init.init();
        }
    }

    /**
     * Resolves {@code #id} to the first element in document order whose {@code Id} attribute has that value, as
     * X-Road's {@code IdResolver} does (no ID-typed attributes needed).
     */
    static ResourceResolverSpi ids(Document document) {
        return new ResourceResolverSpi() {
            @Override
            public boolean engineCanResolveURI(ResourceResolverContext context) {
                return context.attr != null && context.attr.getValue().startsWith("#");
            }

            @Override
            public XMLSignatureInput engineResolveURI(ResourceResolverContext context)
                    throws ResourceResolverException {
                String uri = context.attr.getValue();
                Element element = XmlDocuments.byId(document, uri.substring(1));
                if (element == null) {
                    throw new ResourceResolverException("no element with Id " + uri, uri, context.baseUri);
                }
                XMLSignatureInput input = new XMLSignatureNodeInput(element);
                input.setExcludeComments(true);
                input.setMIMEType("text/xml");
                input.setSourceURI(uri);
                return input;
            }
        };
    }

    /** Resolves other URIs with the caller's resolver. */
    static ResourceResolverSpi of(ReferenceResolver resolver) {
        return new ResourceResolverSpi() {
            @Override
            public boolean engineCanResolveURI(ResourceResolverContext context) {
                return context.attr != null && !context.attr.getValue().startsWith("#")
                        && resolver.resolve(context.attr.getValue()).isPresent();
            }

            @Override
            public XMLSignatureInput engineResolveURI(ResourceResolverContext context)
                    throws ResourceResolverException {
                String uri = context.attr.getValue();
                Optional<ReferencedData> data = resolver.resolve(uri);
                if (data.isEmpty()) {
                    throw new ResourceResolverException("cannot resolve " + uri, uri, context.baseUri);
                }
                XMLSignatureInput input;
                if (data.get() instanceof ReferencedData.Bytes b) {
                    input = new XMLSignatureByteInput(b.value());
                } else {
                    input = new XMLSignatureDigestInput(Base64.getEncoder().encodeToString(
                            ((ReferencedData.Digest) data.get()).value()));
                }
                input.setSourceURI(uri);
                return input;
            }
        };
    }
}
