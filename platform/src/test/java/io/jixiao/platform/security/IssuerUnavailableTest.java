package io.jixiao.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token that cannot be checked because the issuer's key set is out of reach is a 503 with Retry-After, not Spring
 * Security's bare 500; a token that is not valid is still the 401 of the entry point.
 */
class IssuerUnavailableTest {

    private final AuthenticationFailureHandler handler =
            ServiceSecurityAutoConfiguration.issuerAware(ServiceSecurityAutoConfiguration.problemEntryPoint());

    @Test
    void anUnreachableKeySetIs503WithRetryAfter() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        handler.onAuthenticationFailure(new MockHttpServletRequest("POST", "/projects/2023-XXH/expenditures"), response,
                new AuthenticationServiceException("An error occurred while attempting to decode the Jwt: I/O error on GET request"
                        + " for \"http://127.0.0.1:9000/oauth2/jwks\": Connection refused"));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"code\":\"issuer-unavailable\"");
    }

    @Test
    void anInvalidTokenIsStill401() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        handler.onAuthenticationFailure(new MockHttpServletRequest("GET", "/projects"), response,
                new InvalidBearerTokenException("Jwt expired"));

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.getContentAsString()).contains("\"code\":\"invalid-token\"");
    }
}
