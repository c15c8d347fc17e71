package io.jixiao.platform.web;

import java.io.IOException;

/** A request body longer than the limit, noticed while reading it (a chunked body has no Content-Length). */
public class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long limit) {
        super("the request body is larger than " + limit + " bytes");
    }
}
