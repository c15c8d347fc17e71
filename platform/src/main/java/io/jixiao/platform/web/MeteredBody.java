package io.jixiao.platform.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.util.encoders.Hex;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request whose body is counted and digested as it is read: reading past the limit fails with
 * {@link BodyTooLargeException} (so neither a chunked body nor a lying Content-Length gets more than the limit into
 * memory), and the audit log gets the body's SM3 digest without ever keeping the body.
 */
public class MeteredBody extends HttpServletRequestWrapper {

    private final long limit;
    private final SM3Digest digest = new SM3Digest();
    private long read;
    private ServletInputStream stream;
    private BufferedReader reader;

    public MeteredBody(HttpServletRequest request, long limit) {
        super(request);
        this.limit = limit;
    }

    /** Bytes read so far. */
    public long bytesRead() {
        return read;
    }

    /** The SM3 digest (hex) of the bytes read so far, or null when nothing was read. */
    public String sm3() {
        if (read == 0) {
            return null;
        }
        SM3Digest copy = new SM3Digest(digest);
        byte[] out = new byte[copy.getDigestSize()];
        copy.doFinal(out, 0);
        return Hex.toHexString(out);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = new Metered(super.getInputStream());
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        if (reader == null) {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
        return reader;
    }

    private final class Metered extends ServletInputStream {

        private final ServletInputStream in;

        Metered(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
                digest.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, (int) Math.min(length, limit - read + 1));
            if (n > 0) {
                count(n);
                digest.update(buffer, offset, n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
