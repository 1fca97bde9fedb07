package kz.taza.platform.security;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** A validated bearer token, with the {@link Actor} it stands for worked out once, when the token was accepted. */
public final class ActorAuthentication extends JwtAuthenticationToken {

    private final Actor actor;

    ActorAuthentication(Jwt jwt, Collection<? extends GrantedAuthority> authorities, Actor actor) {
        super(jwt, authorities, actor.subject());
        this.actor = actor;
    }

    public Actor actor() {
        return actor;
    }
}
