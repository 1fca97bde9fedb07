package kz.taza.archfixture.contracts;

import org.springframework.stereotype.Component;

/** Wrong: a contract that is a Spring bean. */
@Component
public class SpringContract {
}
