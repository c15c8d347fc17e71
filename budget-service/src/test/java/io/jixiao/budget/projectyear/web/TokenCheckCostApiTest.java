package io.jixiao.budget.projectyear.web;

import io.jixiao.platform.security.CachingJwtDecoder;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the write path no longer pays per request, in the running service: the token's signature is checked once per
 * token (the decoder is the caching one), and Spring Security adds no observations of its own (no
 * {@code spring.security.*} meters), while the request's own metrics are still recorded.
 */
class TokenCheckCostApiTest extends BudgetApiTestBase {

    @Autowired
    JwtDecoder decoder;
    @Autowired
    MeterRegistry meters;

    @Test
    void theDecoderCachesVerifiedTokensAndSecurityRecordsNoObservations() {
        assertThat(decoder).isInstanceOf(CachingJwtDecoder.class);
        String project = newProject("100.00");
        assertThat(post("/projects/" + project + "/expenditures", payment("TC-1", "1.00")).status()).isEqualTo(201);
        assertThat(api().get("/projects/" + project).status()).isEqualTo(200);

        assertThat(meters.getMeters()).noneMatch(m -> m.getId().getName().startsWith("spring.security"));
        assertThat(meters.find("http.server.requests").meters()).isNotEmpty();
    }
}
