package io.jixiao.platform.web;

/** 400: the request itself is malformed (a field fails its format); nothing was recorded. */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
