package io.jixiao.platform.integrity;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An unambiguous encoding of a list of fields: each is its length (4 bytes, big-endian; -1 for null) and its bytes,
 * numbers as 8 bytes big-endian. No two different lists encode alike, so no two rows hash alike by accident of
 * where one field ends and the next begins.
 */
final class Canonical {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    Canonical number(long value) {
        writeInt(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    Canonical text(String value) {
        return bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    Canonical bytes(byte[] value) {
        if (value == null) {
            writeInt(-1);
        } else {
            writeInt(value.length);
            out.writeBytes(value);
        }
        return this;
    }

    byte[] encoded() {
        return out.toByteArray();
    }

    private void writeInt(int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
