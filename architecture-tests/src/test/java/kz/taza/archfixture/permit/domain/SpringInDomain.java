package kz.taza.archfixture.permit.domain;

import org.springframework.util.StringUtils;

/** Wrong: a domain class that imports Spring. */
public final class SpringInDomain {

    public boolean named(String name) {
        return StringUtils.hasText(name);
    }
}
