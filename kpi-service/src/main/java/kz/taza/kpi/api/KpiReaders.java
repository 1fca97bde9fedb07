package kz.taza.kpi.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;

import kz.taza.platform.security.Allow;
import kz.taza.platform.security.Role;

/**
 * Who reads KPIs: analysts (people on the dashboard and their scripts) and subscribing agencies' systems, the users
 * the KPI service is for. Ministry staff have their own services' reads; operators and gateways act for one operator,
 * while these figures and their drill-down span every operator's facilities. The {@link Allow} rule of every KPI
 * endpoint, and of the dashboard's pages, which no handler serves.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Allow({Role.ANALYST, Role.AGENCY})
public @interface KpiReaders {

    /** The roles of the rule. */
    Set<Role> ROLES = Set.of(KpiReaders.class.getAnnotation(Allow.class).value());
}
