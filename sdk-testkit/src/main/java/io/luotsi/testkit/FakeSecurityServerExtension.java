package io.luotsi.testkit;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link XRoadTest @XRoadTest}, and its programmatic form:
 *
 * <pre>{@code
 * class PetClientTest {
 *
 *     @RegisterExtension
 *     static FakeSecurityServerExtension ss = FakeSecurityServerExtension.builder()
 *         .configure(b -> b.instance("DEV").https(true))
 *         .build();
 *
 *     @Test
 *     void readsAPet() {
 *         FakeSecurityServer fake = ss.server();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * Registered on a {@code static} field, one server serves the whole class (started before the first test, stopped
 * after the last); on an instance field, each test gets its own. After every test the extension checks strictness
 * (unexpected requests fail the test unless {@link FakeSecurityServer#expectUnmatched()} was called or strict mode is
 * off) and resets the server: recordings, the expectation, and the registry back to its state before the first test.
 * The server lives in JUnit's {@link ExtensionContext.Store}, which closes it.
 */
public final class FakeSecurityServerExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FakeSecurityServerExtension.class);
    private static final String SERVER = "server";

    private final Supplier<FakeSecurityServer.Builder> configuration;
    private volatile FakeSecurityServer server;

    /** Used by {@link XRoadTest @XRoadTest}: configured from the annotation of the test class. */
    public FakeSecurityServerExtension() {
        this.configuration = null;
    }

    private FakeSecurityServerExtension(Supplier<FakeSecurityServer.Builder> configuration) {
        this.configuration = configuration;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The running server.
     *
     * @throws IllegalStateException before the extension started it
     */
    public FakeSecurityServer server() {
        FakeSecurityServer s = server;
        if (s == null) {
            throw new IllegalStateException("the FakeSecurityServer has not been started yet");
        }
        return s;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        obtain(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        obtain(context).saveBaselineOnce();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        FakeSecurityServer s = find(context).orElse(null);
        if (s == null) {
            return;
        }
        try {
            if (s.isStrict()) {
                s.verifyNoUnmatched();
            }
        } finally {
            s.reset();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == FakeSecurityServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return obtain(extensionContext);
    }

    private Optional<FakeSecurityServer> find(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(SERVER, FakeSecurityServer.class));
    }

    private FakeSecurityServer obtain(ExtensionContext context) {
        Optional<FakeSecurityServer> existing = find(context);
        if (existing.isPresent()) {
            server = existing.get();
            return existing.get();
        }
        FakeSecurityServer created = configure(context).build().start();
        // Stored in the current context: the class's for beforeAll, the test's for an instance-field extension.
        context.getStore(NAMESPACE).put(SERVER, created);
        server = created;
        return created;
    }

    private FakeSecurityServer.Builder configure(ExtensionContext context) {
        if (configuration != null) {
            return configuration.get();
        }
        XRoadTest annotation = context.getTestClass()
                .flatMap(c -> findAnnotation(c))
                .orElseThrow(() -> new IllegalStateException("FakeSecurityServerExtension without @XRoadTest: "
                        + "register it with FakeSecurityServerExtension.builder() instead"));
        FakeSecurityServer.Builder b = annotation.config().isEmpty() ? FakeSecurityServer.builder()
                : FakeSecurityServer.fromClasspathConfig(annotation.config());
        if (!annotation.instance().isEmpty()) {
            b.instance(annotation.instance());
        }
        if (annotation.https()) {
            b.https(true);
        }
        return b.strict(annotation.strict());
    }

    private static Optional<XRoadTest> findAnnotation(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<XRoadTest> found = AnnotationSupport.findAnnotation(c, XRoadTest.class);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Builds a {@link FakeSecurityServerExtension}. */
    public static final class Builder {
        private Supplier<FakeSecurityServer.Builder> configuration = FakeSecurityServer::builder;
        private java.util.function.Consumer<FakeSecurityServer.Builder> customizer = b -> { };

        private Builder() {
        }

        /** Starts from a configuration file on the classpath. */
        public Builder config(String classpathResource) {
            Objects.requireNonNull(classpathResource, "classpathResource");
            this.configuration = () -> FakeSecurityServer.fromClasspathConfig(classpathResource);
            return this;
        }

        /** Adjusts the server builder (instance, HTTPS, registrations, strictness...). */
        public Builder configure(java.util.function.Consumer<FakeSecurityServer.Builder> customizer) {
            Objects.requireNonNull(customizer, "customizer");
            java.util.function.Consumer<FakeSecurityServer.Builder> before = this.customizer;
            this.customizer = before.andThen(customizer);
            return this;
        }

        public Builder instance(String instance) {
            return configure(b -> b.instance(instance));
        }

        public Builder https(boolean https) {
            return configure(b -> b.https(https));
        }

        public Builder strict(boolean strict) {
            return configure(b -> b.strict(strict));
        }

        public FakeSecurityServerExtension build() {
            Supplier<FakeSecurityServer.Builder> base = configuration;
            java.util.function.Consumer<FakeSecurityServer.Builder> custom = customizer;
            return new FakeSecurityServerExtension(() -> {
                FakeSecurityServer.Builder b = base.get();
                custom.accept(b);
                return b;
            });
        }
    }
}
