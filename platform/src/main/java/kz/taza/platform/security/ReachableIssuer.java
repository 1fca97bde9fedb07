package kz.taza.platform.security;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A service starts before its identity provider may be reachable, so the token decoder looks the issuer up on first
 * use. When that look-up fails (the provider starting or unreachable), the decoder's own exception would surface as a
 * 500; here it becomes a token that cannot be checked now, which the resource server answers 503 with Retry-After
 * ({@link SecurityProblems}), and the next request tries the look-up again.
 */
final class ReachableIssuer implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof JwtDecoder decoder && !(bean instanceof Retrying)) {
            return new Retrying(decoder);
        }
        return bean;
    }

    private record Retrying(JwtDecoder delegate) implements JwtDecoder {
        @Override
        public Jwt decode(String token) {
            try {
                return delegate.decode(token);
            } catch (JwtDecoderInitializationException e) {
                throw new JwtException("the identity provider could not be reached to check the token", e);
            }
        }
    }
}
