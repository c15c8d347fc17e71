package io.jixiao.platform.security;

import io.jixiao.contracts.access.Role;
import io.jixiao.platform.audit.AuditEntry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Deny by default: a handler method runs only when it carries {@link Allowed} and the caller has one of its roles.
 * The framework's own handlers (the error page, the OpenAPI document, actuator) are the only exceptions, and
 * {@link #isFrameworkHandler} names them.
 */
public class EndpointAccess implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || request.getDispatcherType() == DispatcherType.ERROR
                || isFrameworkHandler(method)) {
            return true;
        }
        Allowed allowed = method.getMethodAnnotation(Allowed.class);
        Caller caller = Callers.current().orElse(null);
        AuditEntry.of(request).ifPresent(entry -> {
            entry.caller(caller);
            entry.action(allowed == null ? method.getMethod().getName() : allowed.action(), allowed != null && allowed.audited());
        });
        if (allowed == null) {
            throw new AccessRefused("no-access-rule", "this endpoint has no access rule");
        }
        if (caller == null) {
            throw new AccessRefused("unauthenticated", "the request carries no valid token");
        }
        if (!caller.hasAny(allowed.value())) {
            throw new AccessRefused("role-not-allowed", "this call needs one of the roles "
                    + Arrays.stream(allowed.value()).map(Role::claim).collect(Collectors.joining(", ")));
        }
        return true;
    }

    /** Handlers that are not the application's: they are reached only through the public paths of the filter chain. */
    public static boolean isFrameworkHandler(HandlerMethod method) {
        String type = method.getBeanType().getName();
        return type.startsWith("org.springdoc.") || type.startsWith("org.springframework.boot.");
    }
}
