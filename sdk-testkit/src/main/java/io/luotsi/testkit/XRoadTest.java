package io.luotsi.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a {@link FakeSecurityServer}: one server is started before the class's first test
 * (and shared by its {@code @Nested} classes), injected into test and lifecycle method parameters of type
 * {@link FakeSecurityServer}, reset after every test (recordings, registrations the test made) and stopped after the
 * class.
 *
 * <pre>{@code
 * @XRoadTest(config = "fake-ss.yaml")
 * class PetClientTest {
 *
 *     @Test
 *     void readsAPet(FakeSecurityServer fake) {
 *         try (XRoadClient client = fake.clientBuilder(ClientId.parse("DEV/COM/4321/TestClient")).build()) {
 *             ...
 *         }
 *         assertThat(fake.recordings().single().response().status()).isEqualTo(200);
 *     }
 * }
 * }</pre>
 *
 * Strict by default: a request the fake cannot route (unknown client or service, access denied, malformed, no stub
 * matched) still gets X-Road's real error, and the test fails after it ends, unless it called
 * {@link FakeSecurityServer#expectUnmatched()}. For full control register {@link FakeSecurityServerExtension}
 * with {@code @RegisterExtension} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FakeSecurityServerExtension.class)
public @interface XRoadTest {

    /** The X-Road instance; overrides the configuration file's when set. */
    String instance() default "";

    /** Whether to serve HTTPS with client-certificate authentication too ({@link FakeSecurityServer#url()} is then HTTPS). */
    boolean https() default false;

    /** Whether unexpected requests fail the test. */
    boolean strict() default true;

    /** A JSON or YAML configuration on the classpath, e.g. {@code "fake-ss.yaml"}; none by default. */
    String config() default "";
}
