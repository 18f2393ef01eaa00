package io.luotsi.xroad.soap;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface the caller implements and Luotsi calls (a body writer or reader, a part handler). Such callbacks
 * work on StAX readers and writers or streams and may throw their checked exceptions; Luotsi wraps them in its
 * unchecked exception tree. Everything else in the public API throws only unchecked exceptions.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Callback {
}
