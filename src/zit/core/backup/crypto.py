"""Encryption of archives with a key the operator keeps (`ZIT_BACKUP_KEY`), in chunks, so that an archive of any
size is encrypted and decrypted as it streams, and a cut, changed or reordered archive is refused.

The key: 32 random bytes written in URL-safe base64 (44 characters); `manage.py backup --generate-key` makes one.

The layout of an encrypted archive (the STREAM construction of online authenticated encryption, as in the
`age` format, with AES-256-GCM from the `cryptography` library):

    magic       b"ZIT-BACKUP-AEAD1" (16 bytes)
    salt        16 random bytes, new for every archive
    key check   16 bytes: the last 16 bytes of HKDF-SHA256(key, salt, info=b"zit-backup v1", length=48)
    chunks      AES-256-GCM(file key, nonce, plaintext chunk, associated data = magic + salt + key check):
                the ciphertext and its 16-byte tag; every plaintext chunk holds 64 KiB except the last, which
                may be shorter or empty; nonce = the chunk's number (11 bytes, big-endian) + 1 byte that is 1
                for the last chunk and 0 for the others

The file key is the first 32 bytes of the same HKDF output. A wrong key is named by the key check before any
chunk is read; a chunk that was changed, dropped, moved or added fails its tag, and an archive cut anywhere
ends without a chunk marked last, which fails too.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import os
import secrets
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.utils.translation import gettext as _

from zit.core.backup.errors import BackupError

MAGIC = b"ZIT-BACKUP-AEAD1"
SALT_SIZE = 16
CHECK_SIZE = 16
HEADER_SIZE = len(MAGIC) + SALT_SIZE + CHECK_SIZE
CHUNK_SIZE = 64 * 1024
TAG_SIZE = 16
KEY_SIZE = 32


def key_generate() -> str:
    """A new random key, in the form ZIT_BACKUP_KEY takes."""
    return base64.urlsafe_b64encode(secrets.token_bytes(KEY_SIZE)).decode()


def key_parse(text: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != KEY_SIZE:
        raise BackupError(
            _(
                "ZIT_BACKUP_KEY nie jest prawidłowym kluczem kopii: to powinny być 32 bajty zapisane w base64 "
                "(44 znaki). Nowy klucz tworzy polecenie „manage.py backup --generate-key”."
            )
        )
    return key


def _derive(key: bytes, salt: bytes) -> tuple[AESGCM, bytes]:
    material = HKDF(
        algorithm=hashes.SHA256(), length=KEY_SIZE + CHECK_SIZE, salt=salt, info=b"zit-backup v1"
    ).derive(key)
    return AESGCM(material[:KEY_SIZE]), material[KEY_SIZE:]


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def is_encrypted(path: os.PathLike | str) -> bool:
    with open(path, "rb") as file:
        return file.read(len(MAGIC)) == MAGIC


class EncryptingWriter:
    """A write-only file: what is written goes out encrypted in chunks; `finish()` writes the last chunk."""

    def __init__(self, out: BinaryIO, key: bytes):
        salt = secrets.token_bytes(SALT_SIZE)
        self._aead, check = _derive(key, salt)
        self._header = MAGIC + salt + check
        self._out = out
        self._out.write(self._header)
        self._buffer = bytearray()
        self._counter = 0
        self._finished = False

    def _emit(self, chunk: bytes, *, last: bool) -> None:
        self._out.write(self._aead.encrypt(_nonce(self._counter, last), chunk, self._header))
        self._counter += 1

    def write(self, data: bytes) -> int:
        self._buffer += data
        # a full chunk is held back until more data follows, because the last chunk must be marked as such
        while len(self._buffer) > CHUNK_SIZE:
            self._emit(bytes(self._buffer[:CHUNK_SIZE]), last=False)
            del self._buffer[:CHUNK_SIZE]
        return len(data)

    def flush(self) -> None:
        self._out.flush()

    def finish(self) -> None:
        if not self._finished:
            self._emit(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._finished = True
            self._out.flush()


class DecryptingReader:
    """A read-only file over an encrypted archive; every chunk is authenticated before its bytes are returned."""

    def __init__(self, source: BinaryIO, key: bytes):
        header = _read_full(source, HEADER_SIZE)
        if header[: len(MAGIC)] != MAGIC:
            raise BackupError(_("Ten plik nie jest zaszyfrowaną kopią zapasową platformy."))
        salt, check = header[len(MAGIC) : len(MAGIC) + SALT_SIZE], header[len(MAGIC) + SALT_SIZE :]
        self._aead, expected = _derive(key, salt)
        if len(check) != CHECK_SIZE or not hmac.compare_digest(check, expected):
            raise BackupError(
                _(
                    "Klucz (ZIT_BACKUP_KEY) nie pasuje do tej kopii: została zaszyfrowana innym kluczem "
                    "(albo jej nagłówek jest uszkodzony)."
                )
            )
        self._header = header
        self._source = source
        self._counter = 0
        self._pending = _read_full(source, CHUNK_SIZE + TAG_SIZE)
        self._plain = b""
        self._offset = 0
        self.finished = False

    def _next_chunk(self) -> bool:
        if self.finished:
            return False
        current = self._pending
        self._pending = _read_full(self._source, CHUNK_SIZE + TAG_SIZE)
        last = not self._pending
        if len(current) < TAG_SIZE or (not last and len(current) != CHUNK_SIZE + TAG_SIZE):
            raise _damaged(self._counter)
        try:
            self._plain = self._aead.decrypt(_nonce(self._counter, last), current, self._header)
        except InvalidTag:
            raise _damaged(self._counter) from None
        self._offset = 0
        self._counter += 1
        self.finished = last
        return True

    def read(self, size: int = -1) -> bytes:
        parts: list[bytes] = []
        wanted = size if size is not None and size >= 0 else None
        while wanted is None or wanted > 0:
            if self._offset >= len(self._plain) and not self._next_chunk():
                break
            end = len(self._plain) if wanted is None else min(len(self._plain), self._offset + wanted)
            piece = self._plain[self._offset : end]
            self._offset = end
            parts.append(piece)
            if wanted is not None:
                wanted -= len(piece)
        return b"".join(parts)

    def readable(self) -> bool:
        return True


def _read_full(source: BinaryIO, size: int) -> bytes:
    parts, left = [], size
    while left > 0:
        piece = source.read(left)
        if not piece:
            break
        parts.append(piece)
        left -= len(piece)
    return b"".join(parts)


def _damaged(counter: int) -> BackupError:
    return BackupError(
        _(
            "Kopia jest uszkodzona, obcięta albo zmieniona: część nr %(n)d nie przechodzi kontroli "
            "uwierzytelnienia."
        )
        % {"n": counter + 1}
    )
