package io.jixiao.exports;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** The caller's stream, handed to a writer that closes what it writes to: closing it only flushes. */
final class Unclosed extends FilterOutputStream {

    Unclosed(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
