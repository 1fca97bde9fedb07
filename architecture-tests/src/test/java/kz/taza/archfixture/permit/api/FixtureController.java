package kz.taza.archfixture.permit.api;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import kz.taza.archfixture.permit.domain.PlainRules;

/** Breaks no rule by itself: a controller in its service's api package, calling the domain. */
@RestController
public class FixtureController {

    private final PlainRules rules = new PlainRules();

    @GetMapping("/fixture")
    public boolean get() {
        return rules.allows(1);
    }
}
