package kz.taza.platform.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Holds every REST endpoint of a Taza service to its {@link Allow} rule, before the handler runs (so a refused request
 * writes nothing): a handler without a rule is refused to everyone, a token without one of the rule's roles gets a
 * 403 naming them. Handlers that are not Taza's own (the OpenAPI documents, when enabled) are left to the filter
 * chain.
 */
public final class AccessRules implements HandlerInterceptor {

    private final SecurityProblems problems;

    public AccessRules(SecurityProblems problems) {
        this.problems = problems;
    }

    /** The rule of a handler: the method's {@link Allow}, else its controller's; empty when it has none. */
    public static Optional<Set<Role>> ruleOf(HandlerMethod handler) {
        Allow allow = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), Allow.class);
        if (allow == null) {
            allow = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), Allow.class);
        }
        if (allow == null) {
            return Optional.empty();
        }
        return Optional.of(allow.value().length == 0 ? Set.of() : Set.copyOf(EnumSet.copyOf(List.of(allow.value()))));
    }

    /** Whether the handler is one of Taza's own endpoints, which must carry a rule. */
    public static boolean isTazaEndpoint(HandlerMethod handler) {
        return handler.getBeanType().getName().startsWith("kz.taza.");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!(handler instanceof HandlerMethod method) || !isTazaEndpoint(method)) {
            return true;
        }
        Optional<Set<Role>> rule = ruleOf(method);
        if (rule.isEmpty()) {
            problems.forbidden(response, "No one may call this endpoint: it has no access rule", Map.of());
            return false;
        }
        Set<Role> granted = Actor.current().map(Actor::roles).orElse(Set.of());
        if (granted.stream().noneMatch(rule.get()::contains)) {
            problems.forbidden(response, "This endpoint needs one of the roles " + SecurityProblems.names(rule.get())
                    + "; the token grants " + SecurityProblems.names(granted),
                    Map.of("requiredRoles", SecurityProblems.names(rule.get())));
            return false;
        }
        return true;
    }
}
