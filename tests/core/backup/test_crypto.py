"""Encryption in chunks: what goes in comes out with the right key only, and any cut, change, reorder or
addition is refused; neither side holds more than a chunk or two."""

from __future__ import annotations

import io
import os

import pytest

from zit.core.backup import crypto
from zit.core.backup.crypto import (
    CHUNK_SIZE,
    HEADER_SIZE,
    TAG_SIZE,
    DecryptingReader,
    EncryptingWriter,
    key_generate,
    key_parse,
)
from zit.core.backup.errors import BackupError

KEY = key_parse(key_generate())
SEALED = CHUNK_SIZE + TAG_SIZE


def _encrypt(data: bytes, key: bytes = KEY, pieces: int = 7) -> bytes:
    out = io.BytesIO()
    writer = EncryptingWriter(out, key)
    step = max(1, len(data) // pieces)
    for start in range(0, len(data), step):
        writer.write(data[start : start + step])
    writer.finish()
    return out.getvalue()


def _decrypt(data: bytes, key: bytes = KEY) -> bytes:
    return DecryptingReader(io.BytesIO(data), key).read()


@pytest.mark.parametrize("size", [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 3 * CHUNK_SIZE + 5])
def test_what_is_encrypted_comes_back_whole(size):
    data = os.urandom(size)
    sealed = _encrypt(data)
    assert sealed.startswith(crypto.MAGIC)
    if size >= 64:
        assert data[:64] not in sealed
    assert _decrypt(sealed) == data


def test_reading_in_small_pieces_gives_the_same_bytes():
    data = os.urandom(2 * CHUNK_SIZE + 100)
    reader = DecryptingReader(io.BytesIO(_encrypt(data)), KEY)
    assert b"".join(iter(lambda: reader.read(1000), b"")) == data


def test_a_wrong_key_is_named_as_such():
    with pytest.raises(BackupError, match="nie pasuje do tej kopii"):
        _decrypt(_encrypt(b"dane osobowe"), key_parse(key_generate()))


def _chunks(sealed: bytes) -> tuple[bytes, list[bytes]]:
    body = sealed[HEADER_SIZE:]
    return sealed[:HEADER_SIZE], [body[i : i + SEALED] for i in range(0, len(body), SEALED)]


@pytest.mark.parametrize(
    "damage",
    [
        lambda header, chunks: header + b"".join(chunks[:-1]),  # cut at a chunk boundary
        lambda header, chunks: header + b"".join(chunks)[:-1],  # one byte short
        lambda header, chunks: header,  # nothing but the header
        lambda header, chunks: header + chunks[1] + chunks[0] + b"".join(chunks[2:]),  # reordered
        lambda header, chunks: header + b"".join(chunks) + chunks[1],  # a chunk added at the end
        lambda header, chunks: (
            header + chunks[0][:10] + bytes([chunks[0][10] ^ 1]) + chunks[0][11:] + b"".join(chunks[1:])
        ),
    ],
    ids=["cut-at-boundary", "one-byte-short", "header-only", "reordered", "chunk-appended", "flipped-bit"],
)
def test_a_damaged_stream_is_refused(damage):
    header, chunks = _chunks(_encrypt(os.urandom(3 * CHUNK_SIZE + 10)))
    assert len(chunks) == 4  # three full chunks and the short last one
    with pytest.raises(BackupError, match="uszkodzona, obcięta albo zmieniona"):
        _decrypt(damage(header, chunks))


def test_a_plain_file_is_not_taken_for_an_encrypted_one():
    with pytest.raises(BackupError, match="nie jest zaszyfrowaną kopią"):
        _decrypt(b"\x1f\x8b" + b"\x00" * 100)


@pytest.mark.parametrize(
    "text", ["", "abc", "!" * 44, "QUJD" * 10], ids=["empty", "short", "not-base64", "30-bytes"]
)
def test_a_malformed_key_is_refused_with_how_to_make_one(text):
    with pytest.raises(BackupError, match="manage.py backup --generate-key"):
        key_parse(text)


def test_a_generated_key_is_32_random_bytes_in_base64():
    first, second = key_generate(), key_generate()
    assert len(first) == 44 and first != second
    assert len(key_parse(first)) == 32


class _Counting(io.BytesIO):
    def __init__(self, data: bytes = b""):
        super().__init__(data)
        self.consumed = 0

    def read(self, size: int = -1) -> bytes:
        data = super().read(size)
        self.consumed += len(data)
        return data


def test_the_writer_sends_chunks_out_as_they_fill_and_keeps_at_most_one():
    out = io.BytesIO()
    writer = EncryptingWriter(out, KEY)
    for _ in range(10):
        writer.write(os.urandom(CHUNK_SIZE))
    assert len(out.getvalue()) == HEADER_SIZE + 9 * SEALED  # the tenth waits: it may be the last


def test_the_reader_reads_at_most_two_chunks_ahead_of_what_it_returned():
    source = _Counting(_encrypt(os.urandom(20 * CHUNK_SIZE)))
    reader = DecryptingReader(source, KEY)
    reader.read(100)
    assert source.consumed <= HEADER_SIZE + 2 * SEALED
