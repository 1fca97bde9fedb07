package kz.taza.archfixture.permit;

import org.springframework.web.bind.annotation.RestController;

/** Wrong: a REST controller outside the service's api package. */
@RestController
public class StrayController {
}
