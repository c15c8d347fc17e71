package io.jixiao.platform.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Collection;

/** A validated bearer token and the {@link Caller} read from it. */
public class CallerToken extends JwtAuthenticationToken {

    private final transient Caller caller;

    CallerToken(Jwt jwt, Collection<? extends GrantedAuthority> authorities, Caller caller) {
        super(jwt, authorities, caller.subject());
        this.caller = caller;
    }

    public Caller caller() {
        return caller;
    }
}
