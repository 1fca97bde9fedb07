package kz.taza.archfixture.permit.config;

import org.springframework.context.annotation.Configuration;

/** Breaks no rule: Spring configuration in the service's config package. */
@Configuration
public class FixtureSettings {

    public int partitions() {
        return 6;
    }
}
