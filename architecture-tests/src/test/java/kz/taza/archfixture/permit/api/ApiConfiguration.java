package kz.taza.archfixture.permit.api;

import org.springframework.context.annotation.Configuration;

/** Wrong: Spring configuration outside the service's config package. */
@Configuration
public class ApiConfiguration {
}
