package io.jixiao.platform.security;

import io.jixiao.contracts.access.Role;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call an endpoint. Every handler method carries one: a method without it answers 403 to
 * everyone (deny by default), and each service's endpoint-rule test fails on it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Allowed {

    /** Any one of these roles suffices. */
    Role[] value();

    /** What the call does, as the audit log names it (e.g. {@code record-payment}). */
    String action();

    /** Whether a successful call is recorded too (exports, reading the audit log); writes and refusals always are. */
    boolean audited() default false;
}
