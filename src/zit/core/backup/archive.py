"""The archive: one tar stream, compressed with gzip and, when a key is given, encrypted (crypto.py).

Its members, in this order:

    database/<dump>   the database dump, named by engine (database.py)
    media/<path>      every uploaded file, by its path under MEDIA_ROOT
    manifest.json     last, because it lists every member above with its SHA-256 and size (manifest.py)

Writing streams: each file goes from the disk through the tar, gzip and encryption layers to the archive in
small pieces. Reading stages every member in a temporary folder while hashing it, so that the whole archive
(every hash, the gzip checksum and, when encrypted, every chunk's tag) is checked before anything is restored.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import tarfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from django.utils.translation import gettext as _

from zit.core.backup import crypto
from zit.core.backup.errors import BackupError

FORMAT = "zit-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATABASE_PREFIX = "database/"
MEDIA_PREFIX = "media/"
COPY_SIZE = 1024 * 1024


@dataclass(frozen=True)
class Entry:
    sha256: str
    size: int


class _HashingReader:
    """Hands a file to tarfile and hashes exactly the bytes that went into the archive."""

    def __init__(self, file: BinaryIO):
        self._file = file
        self._digest = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self._file.read(size)
        self._digest.update(data)
        self.size += len(data)
        return data

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


class ArchiveWriter:
    """Writes one archive; the file is created readable by its owner only, since it holds personal data."""

    def __init__(self, path: Path, *, key: bytes | None):
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self._raw = os.fdopen(descriptor, "wb")
        self._encrypting = crypto.EncryptingWriter(self._raw, key) if key else None
        self._gzip = gzip.GzipFile(
            filename="", mode="wb", fileobj=self._encrypting or self._raw, compresslevel=6, mtime=0
        )
        # the three layers stay open across add_file calls; close() or abort() closes them
        self._tar = tarfile.open(fileobj=self._gzip, mode="w|", format=tarfile.PAX_FORMAT)  # noqa: SIM115

    def add_file(self, name: str, path: Path) -> Entry:
        with open(path, "rb") as file:
            stat = os.fstat(file.fileno())
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = stat.st_size, stat.st_mtime, 0o600
            reader = _HashingReader(file)
            self._tar.addfile(info, reader)  # reads exactly info.size bytes; a file cut meanwhile fails here
        return Entry(reader.hexdigest(), reader.size)

    def add_json(self, name: str, data: dict[str, Any]) -> None:
        content = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(name)
        info.size, info.mode = len(content), 0o600
        self._tar.addfile(info, _BytesReader(content))

    def close(self) -> None:
        self._tar.close()
        self._gzip.close()
        if self._encrypting:
            self._encrypting.finish()
        self._raw.close()

    def abort(self) -> None:
        for closing in (self._tar.close, self._gzip.close, self._raw.close):
            with contextlib.suppress(Exception):  # the archive is thrown away; its own error was raised
                closing()


class _BytesReader:
    def __init__(self, data: bytes):
        self._data, self._offset = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._data) if size < 0 else self._offset + size
        piece = self._data[self._offset : end]
        self._offset += len(piece)
        return piece


@dataclass
class StagedArchive:
    """An archive read to the end into a temporary folder; `members` are what was actually read."""

    root: Path
    manifest: dict[str, Any]
    members: dict[str, Entry] = field(default_factory=dict)
    encrypted: bool = False

    def path(self, name: str) -> Path:
        return self.root / name


def archive_stage(path: Path, *, key: bytes | None, into: Path) -> StagedArchive:
    """Read the whole archive into `into`, hashing every member; refuse one that cannot be read to its end."""
    encrypted = crypto.is_encrypted(path)
    if encrypted and key is None:
        raise BackupError(
            _(
                "Kopia jest zaszyfrowana: ustaw ZIT_BACKUP_KEY na klucz, którym ją zaszyfrowano, i spróbuj ponownie."
            )
        )
    members: dict[str, Entry] = {}
    with open(path, "rb") as raw:
        try:
            source = crypto.DecryptingReader(raw, key) if encrypted else raw
            with gzip.GzipFile(fileobj=source, mode="rb") as unzipped:
                with tarfile.open(fileobj=unzipped, mode="r|") as tar:
                    for member in tar:
                        name = _member_name(member, members)
                        members[name] = _stage_member(tar.extractfile(member), into / name)
                # the tar ends before the gzip trailer: read on, so that the checksum and the length are checked
                while unzipped.read(COPY_SIZE):
                    pass
            if encrypted and (source.read(1) or not source.finished):
                raise BackupError(_("Kopia jest uszkodzona: po końcu archiwum są jeszcze dane."))
        except BackupError:
            raise
        except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile, OSError) as exc:
            raise BackupError(
                _("Kopia jest uszkodzona albo obcięta: nie da się jej odczytać do końca (%(error)s).")
                % {"error": exc}
            ) from exc
    if MANIFEST_NAME not in members:
        raise BackupError(_("W kopii brakuje spisu zawartości (manifest.json): kopia jest niepełna."))
    try:
        manifest = json.loads((into / MANIFEST_NAME).read_text(encoding="utf-8"))
    except ValueError as exc:
        raise BackupError(_("Spis zawartości kopii (manifest.json) jest nieczytelny.")) from exc
    return StagedArchive(root=into, manifest=manifest, members=members, encrypted=encrypted)


def _stage_member(source: BinaryIO | None, target: Path) -> Entry:
    digest, size = hashlib.sha256(), 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "xb") as out:
        while source is not None:
            piece = source.read(COPY_SIZE)
            if not piece:
                break
            digest.update(piece)
            size += len(piece)
            try:
                out.write(piece)
            except OSError as exc:
                raise BackupError(
                    _("Nie udało się zapisać pliku tymczasowego %(path)s: %(error)s")
                    % {"path": target, "error": exc}
                ) from exc
    return Entry(digest.hexdigest(), size)


def _member_name(member: tarfile.TarInfo, seen: dict[str, Entry]) -> str:
    """Only regular files at known, relative paths: an archive never writes outside its folders."""
    path = PurePosixPath(member.name)
    allowed = member.name == MANIFEST_NAME or member.name.startswith((DATABASE_PREFIX, MEDIA_PREFIX))
    safe = not path.is_absolute() and all(part not in ("", ".", "..") for part in member.name.split("/"))
    if not member.isreg() or not allowed or not safe or member.name in seen:
        raise BackupError(
            _("Kopia zawiera element, którego nie powinno w niej być: %(name)s.") % {"name": member.name}
        )
    return member.name


def members_verify(staged: StagedArchive, expected: dict[str, Entry]) -> None:
    """Every member the manifest lists is there with its hash and size, and nothing else is."""
    problems = []
    for name, entry in sorted(expected.items()):
        found = staged.members.get(name)
        if found is None:
            problems.append(_("brak pliku %(name)s") % {"name": name})
        elif found != entry:
            problems.append(_("plik %(name)s ma inną sumę SHA-256 lub rozmiar niż w spisie") % {"name": name})
    for name in sorted(set(staged.members) - set(expected) - {MANIFEST_NAME}):
        problems.append(_("plik %(name)s nie figuruje w spisie") % {"name": name})
    if problems:
        shown = "; ".join(problems[:10]) + ("; …" if len(problems) > 10 else "")
        raise BackupError(
            _("Kopia nie zgadza się ze swoim spisem zawartości: %(problems)s.") % {"problems": shown}
        )
