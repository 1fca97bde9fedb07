package kz.taza.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The authorizations the provider has granted, in memory, forgotten once none of their tokens can be used any more.
 * Machine clients ask for a new token every few minutes for as long as a run lasts; a store that never forgets (as the
 * framework's in-memory one does for completed authorizations) would grow by thousands of entries an hour. An
 * authorization still in its sign-in steps (no token yet) is forgotten after {@link #PENDING_LIFETIME}.
 */
final class ExpiringAuthorizationService implements OAuth2AuthorizationService {

    /** How long a sign-in may take from the authorization request to the code exchange. */
    static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);

    private static final List<Class<? extends OAuth2Token>> TOKEN_TYPES = List.of(
            OAuth2AccessToken.class,
            OAuth2RefreshToken.class,
            OAuth2AuthorizationCode.class,
            OidcIdToken.class);

    private record Entry(OAuth2Authorization authorization, Instant savedAt) {
    }

    private final Map<String, Entry> authorizations = new ConcurrentHashMap<>();
    private final Clock clock;

    ExpiringAuthorizationService(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        Objects.requireNonNull(authorization, "authorization");
        authorizations.put(authorization.getId(), new Entry(authorization, clock.instant()));
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        Objects.requireNonNull(authorization, "authorization");
        authorizations.remove(authorization.getId());
    }

    @Override
    public OAuth2Authorization findById(String id) {
        Entry entry = authorizations.get(id);
        return entry == null ? null : entry.authorization();
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        for (Entry entry : authorizations.values()) {
            if (matches(entry.authorization(), token, tokenType)) {
                return entry.authorization();
            }
        }
        return null;
    }

    /** How many authorizations are held, for tests and metrics. */
    int size() {
        return authorizations.size();
    }

    /** Forgets authorizations whose every token has expired, and sign-ins abandoned half way. */
    @Scheduled(fixedDelayString = "${taza.identity.sweep-interval:PT1M}")
    void forgetExpired() {
        Instant now = clock.instant();
        authorizations.values().removeIf(entry -> expired(entry, now));
    }

    private static boolean expired(Entry entry, Instant now) {
        OAuth2Authorization authorization = entry.authorization();
        Instant lastUse = null;
        for (Class<? extends OAuth2Token> type : TOKEN_TYPES) {
            OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
            if (token != null && !token.isInvalidated()) {
                Instant expiresAt = token.getToken().getExpiresAt();
                if (expiresAt == null) {
                    return false;
                }
                lastUse = lastUse == null || expiresAt.isAfter(lastUse) ? expiresAt : lastUse;
            }
        }
        Instant forgetAt = lastUse != null ? lastUse : entry.savedAt().plus(PENDING_LIFETIME);
        return now.isAfter(forgetAt);
    }


    private static boolean matches(OAuth2Authorization authorization, String token, OAuth2TokenType tokenType) {
        if (tokenType == null) {
            return token.equals(authorization.getAttribute(OAuth2ParameterNames.STATE))
                    || hasToken(authorization, OAuth2AuthorizationCode.class, token)
                    || hasToken(authorization, OAuth2AccessToken.class, token)
                    || hasToken(authorization, OidcIdToken.class, token)
                    || hasToken(authorization, OAuth2RefreshToken.class, token);
        }
        return switch (tokenType.getValue()) {
            case OAuth2ParameterNames.STATE -> token.equals(authorization.getAttribute(OAuth2ParameterNames.STATE));
            case OAuth2ParameterNames.CODE -> hasToken(authorization, OAuth2AuthorizationCode.class, token);
            case OAuth2ParameterNames.ACCESS_TOKEN ->
                    hasToken(authorization, OAuth2AccessToken.class, token);
            case OidcParameterNames.ID_TOKEN ->
                    hasToken(authorization, OidcIdToken.class, token);
            case OAuth2ParameterNames.REFRESH_TOKEN ->
                    hasToken(authorization, OAuth2RefreshToken.class, token);
            default -> false;
        };
    }

    private static boolean hasToken(OAuth2Authorization authorization, Class<? extends OAuth2Token> type,
            String value) {
        OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
        return token != null && token.getToken().getTokenValue().equals(value);
    }
}
