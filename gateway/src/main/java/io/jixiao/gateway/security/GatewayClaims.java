package io.jixiao.gateway.security;

import io.jixiao.contracts.access.AccessClaims;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The claims the gateway reads a caller from (bound to {@code jixiao.security}, named as in the services). */
@ConfigurationProperties("jixiao.security")
public record GatewayClaims(@DefaultValue(AccessClaims.ROLES) String rolesClaim,
                            @DefaultValue(AccessClaims.CLIENT) String clientClaim,
                            @DefaultValue(AccessClaims.DEPARTMENT) String departmentClaim,
                            @DefaultValue(AccessClaims.UNIT) String unitClaim) {
}
