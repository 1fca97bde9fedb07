package kz.taza.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call a REST endpoint of a Taza service (on the handler method, or on the controller for all its
 * methods; the method's wins). Every endpoint has one: a handler without it is refused to everyone, so a new endpoint
 * is closed until someone decides who may call it. Facility-scoped roles (operator, gateway) pass this check and are
 * then held to their own operator's facilities by the handler.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Allow {

    /** Any of these roles may call the endpoint. */
    Role[] value();
}
