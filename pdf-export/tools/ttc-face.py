#!/usr/bin/env python3
"""Copies one face of a TrueType collection (.ttc) out as a standalone .ttf, table for table.

    python3 ttc-face.py wqy-microhei.ttc 0 WenQuanYiMicroHei.ttf

The tables are copied unchanged (their checksums stay valid); only the offsets are new, and head's
checkSumAdjustment is recomputed for the new file. This is how src/main/resources/fonts/WenQuanYiMicroHei.ttf
was made from Debian's fonts-wqy-microhei (see ../README.md).
"""
import struct
import sys


def checksum(data):
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(">%dI" % (len(data) // 4), data)) & 0xFFFFFFFF


def main(source, face, target):
    blob = open(source, "rb").read()
    tag, _, count = struct.unpack(">4sII", blob[:12])
    if tag != b"ttcf":
        sys.exit(source + " is not a TrueType collection")
    if not 0 <= face < count:
        sys.exit("the collection has %d faces" % count)
    start = struct.unpack(">I", blob[12 + 4 * face:16 + 4 * face])[0]
    version, tables, search, selector, shift = struct.unpack(">IHHHH", blob[start:start + 12])
    records = []
    for i in range(tables):
        at = start + 12 + 16 * i
        records.append(struct.unpack(">4sIII", blob[at:at + 16]))
    records.sort(key=lambda record: record[0])
    offset = 12 + 16 * tables
    directory = struct.pack(">IHHHH", version, tables, search, selector, shift)
    body = b""
    head_at = None
    for name, check, at, length in records:
        data = blob[at:at + length]
        if name == b"head":
            head_at = offset + len(body)
            data = data[:8] + b"\0\0\0\0" + data[12:]
            check = checksum(data)
        directory += struct.pack(">4sIII", name, check, offset + len(body), length)
        body += data + b"\0" * (-length % 4)
    font = bytearray(directory + body)
    adjustment = (0xB1B0AFBA - checksum(bytes(font))) & 0xFFFFFFFF
    font[head_at + 8:head_at + 12] = struct.pack(">I", adjustment)
    open(target, "wb").write(font)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
