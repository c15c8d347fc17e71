package io.jixiao.contracts;

/** A value that does not have its required form (an amount, an id); the services answer it with 400. */
public class InvalidValueException extends IllegalArgumentException {

    private final String field;

    public InvalidValueException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The name of the request field that carried the value. */
    public String field() {
        return field;
    }
}
