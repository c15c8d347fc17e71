package io.jixiao.contracts.access;

/**
 * The claims the services read from an access token, under the names the embedded auth-server issues. The names are
 * settings of every service and of the gateway, so another identity provider can keep its own.
 */
public final class AccessClaims {

    /** The audience every token for this system carries. */
    public static final String AUDIENCE = "jixiao";
    /** A list of {@link Role#claim()} names. */
    public static final String ROLES = "roles";
    /** The principal's 主管部门, or {@link #ALL_DEPARTMENTS}. */
    public static final String DEPARTMENT = "department";
    /** The 实施单位 a principal is narrowed to; absent when it reaches its whole department. */
    public static final String UNIT = "unit";
    /** The OAuth2 client the token was issued to. */
    public static final String CLIENT = "client_id";
    /** A department claim reaching every department (a finance bureau, an auditor). */
    public static final String ALL_DEPARTMENTS = "*";

    private AccessClaims() {
    }
}
