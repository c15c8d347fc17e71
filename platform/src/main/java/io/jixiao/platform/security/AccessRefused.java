package io.jixiao.platform.security;

/** A call the caller's roles do not allow, or an endpoint without an access rule: 403. */
public class AccessRefused extends RuntimeException {

    private final String code;

    public AccessRefused(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
