package io.jixiao.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The first filter of every service: a body announced longer than the limit is refused before a byte of it is
 * read (413), and every other body is read through {@link MeteredBody}, which stops at the limit. The gateway limits
 * too, but a service reached directly must not depend on it.
 */
public class BodyLimitFilter extends OncePerRequestFilter {

    private final long limit;

    public BodyLimitFilter(long limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            // Connection: close, so the container does not try to swallow the rest of a body it will never use
            response.setHeader("Connection", "close");
            ProblemResponses.write(response, 413, "body-too-large", "the request body is larger than " + limit + " bytes");
            return;
        }
        chain.doFilter(new MeteredBody(request, limit), response);
    }
}
