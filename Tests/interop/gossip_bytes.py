"""Hand-built gossip bytes for hostile-input tests: protobuf (Alertmanager's silences and
cluster parts), memberlist's msgpack framing, and Go's compress/lzw writer (LSB, literal
width 8), byte for byte what Go's `lzw.NewWriter` produces."""
import struct


def varint(n):
    n &= (1 << 64) - 1  # negative int64 -> two's complement, as protobuf encodes it
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def pb_bytes(field, data):
    return varint(field << 3 | 2) + varint(len(data)) + data


def pb_varint(field, n):
    return varint(field << 3) + varint(n)


def timestamp(seconds, nanos=0):
    return (pb_varint(1, seconds) if seconds else b"") + (pb_varint(2, nanos) if nanos else b"")


def mesh_silence(sid, starts, ends, updated, expires, name="job", value="x", comment="hostile"):
    """`silencepb.MeshSilence` with the given raw timestamp seconds."""
    matcher = pb_bytes(2, name.encode()) + pb_bytes(3, value.encode())
    silence = (pb_bytes(1, sid.encode()) + pb_bytes(2, matcher) + pb_bytes(3, timestamp(starts))
               + pb_bytes(4, timestamp(ends)) + pb_bytes(5, timestamp(updated))
               + pb_bytes(8, b"probe") + pb_bytes(9, comment.encode()))
    return pb_bytes(1, silence) + pb_bytes(2, timestamp(expires))


def silence_user_packet(*messages):
    """A memberlist UDP user message (type 8) carrying a `clusterpb.Part` for "sil" whose
    data is varint-delimited `MeshSilence`s, as Alertmanager gossips silences."""
    data = b"".join(varint(len(m)) + m for m in messages)
    return b"\x08" + pb_bytes(1, b"sil") + pb_bytes(2, data)


def msgpack_bin(b):
    return b"\xc6" + struct.pack(">I", len(b)) + b


def compress_message(payload):
    """memberlist `compressMsg`: 09 + {Algo: 0, Buf: lzw(payload)}."""
    return b"\x09\x82\xa4Algo\x00\xa3Buf" + msgpack_bin(lzw_compress(payload))


def lzw_compress(data, lit_width=8):
    """Go's compress/lzw writer, LSB order (a clear code first, as Go 1.17+ writes)."""
    out = bytearray()
    bits = nbits = 0
    width = lit_width + 1
    clear = 1 << lit_width
    hi = clear + 1
    overflow = 1 << (lit_width + 1)
    table = {}
    max_code = (1 << 12) - 1

    def write(c):
        nonlocal bits, nbits
        bits |= c << nbits
        nbits += width
        while nbits >= 8:
            out.append(bits & 0xFF)
            bits >>= 8
            nbits -= 8

    def inc_hi():
        nonlocal hi, width, overflow, table
        hi += 1
        if hi == overflow:
            width += 1
            overflow <<= 1
        if hi == max_code:
            write(clear)
            width = lit_width + 1
            hi = clear + 1
            overflow = clear << 1
            table = {}
            return False
        return True

    write(clear)
    if data:
        code = data[0]
        for x in data[1:]:
            key = code << 8 | x
            if key in table:
                code = table[key]
                continue
            write(code)
            code = x
            if inc_hi():
                table[key] = hi
        write(code)
        inc_hi()
    write(clear + 1)
    if nbits > 0:
        out.append(bits & 0xFF)
    return bytes(out)
