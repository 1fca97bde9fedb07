package kz.taza.kpi.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

import kz.taza.platform.test.SharedIdentityProvider;

/**
 * What every test context of the KPI service runs with besides the platform's test settings: the dashboard signs people
 * in through the shared identity provider's sign-in client, and live updates go out every 100 ms.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@TestPropertySource(properties = {
        "taza.sign-in.client-id=" + SharedIdentityProvider.SIGN_IN_CLIENT,
        "taza.sign-in.client-secret=" + SharedIdentityProvider.SIGN_IN_SECRET,
        "taza.kpi.live-interval=100ms"})
public @interface KpiTestSettings {
}
