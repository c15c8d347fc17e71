package io.jixiao.platform.security;

import io.jixiao.contracts.access.Role;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the caller from a validated JWT; role names it does not know are ignored, never guessed. */
public class CallerTokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final AccessProperties claims;

    public CallerTokenConverter(AccessProperties claims) {
        this.claims = claims;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Caller caller = caller(jwt);
        List<SimpleGrantedAuthority> authorities = caller.roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.claim())).toList();
        return new CallerToken(jwt, authorities, caller);
    }

    Caller caller(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Object claimed = jwt.getClaims().get(claims.rolesClaim());
        if (claimed instanceof Collection<?> names) {
            names.forEach(name -> Role.fromClaim(String.valueOf(name)).ifPresent(roles::add));
        } else if (claimed instanceof String names) {
            // some providers send one space-separated string
            for (String name : names.trim().split("\\s+")) {
                Role.fromClaim(name).ifPresent(roles::add);
            }
        }
        String client = Optional.ofNullable(jwt.getClaimAsString(claims.clientClaim()))
                .or(() -> Optional.ofNullable(jwt.getClaimAsString("azp")))
                .orElse(null);
        String subject = jwt.getSubject() != null ? jwt.getSubject() : String.valueOf(client);
        return new Caller(subject, client, blankToNull(jwt.getClaimAsString(claims.departmentClaim())),
                blankToNull(jwt.getClaimAsString(claims.unitClaim())), roles);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
