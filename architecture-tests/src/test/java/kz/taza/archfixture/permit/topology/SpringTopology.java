package kz.taza.archfixture.permit.topology;

import org.springframework.stereotype.Component;

/** Wrong: a topology that is a Spring bean instead of a pure builder. */
@Component
public class SpringTopology {
}
