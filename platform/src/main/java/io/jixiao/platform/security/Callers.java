package io.jixiao.platform.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;

/** The caller of the request this thread serves. */
public final class Callers {

    private Callers() {
    }

    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof CallerToken token ? Optional.of(token.caller()) : Optional.empty();
    }

    /** The caller, for code that runs only behind {@link EndpointAccess} (which has refused anonymous calls). */
    public static Caller require() {
        return current().orElseThrow(() -> new AccessRefused("unauthenticated", "the request carries no valid token"));
    }
}
