package io.jixiao.platform.security;

import io.jixiao.contracts.access.AccessClaims;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a token's claims are read (bound to {@code jixiao.security}). The issuer, its keys and the audience are
 * Spring Boot's own {@code spring.security.oauth2.resourceserver.jwt.*} settings; the claim names are ours, so an
 * identity provider that calls them otherwise (Keycloak's {@code azp}, say) needs no code.
 */
@ConfigurationProperties("jixiao.security")
public record AccessProperties(
        @DefaultValue(AccessClaims.ROLES) String rolesClaim,
        @DefaultValue(AccessClaims.DEPARTMENT) String departmentClaim,
        @DefaultValue(AccessClaims.UNIT) String unitClaim,
        @DefaultValue(AccessClaims.CLIENT) String clientClaim) {
}
