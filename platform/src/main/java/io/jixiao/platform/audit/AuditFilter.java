package io.jixiao.platform.audit;

import io.jixiao.platform.web.MeteredBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Records a request in the audit log once it is answered: every write, every refusal of identity or rights (401,
 * 403), and the reads an endpoint marks as audited (exports, the audit log itself). Successful reads and bodies over
 * the limit (413, refused before anything is known of them) are not recorded. Runs outside Spring Security's
 * filters, so the 401s those write are seen too.
 */
public class AuditFilter extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    /** Path variables that name the object a call is about, in the order they are preferred. */
    private static final String[] TARGET_VARIABLES = {"projectYearId", "projectId", "id"};

    private final AuditLog log;

    public AuditFilter(AuditLog log) {
        this.log = log;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AuditEntry entry = new AuditEntry();
        request.setAttribute(AuditEntry.ATTRIBUTE, entry);
        try {
            chain.doFilter(request, response);
        } finally {
            int status = response.getStatus();
            if (recorded(request, status, entry)) {
                if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
                    for (String name : TARGET_VARIABLES) {
                        if (variables.get(name) instanceof String value) {
                            entry.targetIfUnset(value);
                            break;
                        }
                    }
                }
                MeteredBody body = unwrap(request);
                log.append(request, status, entry, body == null ? 0 : body.bytesRead(), body == null ? null : body.sm3());
            }
        }
    }

    private static boolean recorded(HttpServletRequest request, int status, AuditEntry entry) {
        if (status == 413 || isOpenPath(request.getRequestURI())) {
            return false;
        }
        return !READS.contains(request.getMethod()) || status == 401 || status == 403 || entry.recordEvenIfRead();
    }

    private static boolean isOpenPath(String path) {
        return path.startsWith("/actuator/") || path.startsWith("/v3/api-docs");
    }

    private static MeteredBody unwrap(jakarta.servlet.ServletRequest request) {
        while (request instanceof jakarta.servlet.ServletRequestWrapper wrapper) {
            if (wrapper instanceof MeteredBody metered) {
                return metered;
            }
            request = wrapper.getRequest();
        }
        return null;
    }
}
