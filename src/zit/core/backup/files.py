"""Uploaded files: which go into a backup, how signed documents are checked against their recorded hash, and how
staged files are put into MEDIA_ROOT."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from zit.core.backup.database import SignedRow
from zit.core.backup.errors import BackupError


def media_files(media_root: Path) -> Iterator[tuple[str, Path]]:
    """Every regular file under MEDIA_ROOT (by its path there, with "/" separators), sorted; symbolic links are
    left out, since what they point to is not the platform's."""
    if not media_root.is_dir():
        return
    for folder, dirs, names in os.walk(media_root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not (here / d).is_symlink())
        for name in sorted(names):
            path = here / name
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(media_root).as_posix(), path


def media_root_has_files(media_root: Path) -> bool:
    return any(path.is_file() for path in media_root.rglob("*")) if media_root.is_dir() else False


@dataclass(frozen=True)
class SignedCheck:
    id: int
    path: str
    recorded_sha256: str
    found_sha256: str | None  # None: the file is missing

    @property
    def ok(self) -> bool:
        return self.found_sha256 == self.recorded_sha256

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "path": self.path,
            "signed_sha256": self.recorded_sha256,
            "found_sha256": self.found_sha256,
            "ok": self.ok,
        }

    def problem(self) -> str:
        if self.found_sha256 is None:
            return _("Podpisany dokument nr %(id)d: brak pliku %(path)s.") % {
                "id": self.id,
                "path": self.path,
            }
        return _(
            "Podpisany dokument nr %(id)d: plik %(path)s ma SHA-256 %(found)s, a przy wgraniu zapisano %(recorded)s "
            "(plik zmienił się po podpisaniu)."
        ) % {"id": self.id, "path": self.path, "found": self.found_sha256, "recorded": self.recorded_sha256}


def signed_check(rows: list[SignedRow], hashes: dict[str, str]) -> list[SignedCheck]:
    """Each signed document's file, by the hash it had when archived (or restored), against `signed_sha256`."""
    return [SignedCheck(row.id, row.path, row.sha256, hashes.get(row.path)) for row in rows]


def file_sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as file:
            for piece in iter(lambda: file.read(1024 * 1024), b""):
                digest.update(piece)
    except OSError:
        return None
    return digest.hexdigest()


def media_install(staged_media: Path, media_root: Path, paths: list[str]) -> int:
    """Move the staged files into MEDIA_ROOT (a rename when both lie on one disk); existing files of the same
    name are replaced only when the operator allowed a MEDIA_ROOT that holds files."""
    for relative in paths:
        target = media_root / relative
        if not target.resolve().is_relative_to(media_root.resolve()):
            raise BackupError(_("Plik %(path)s wychodziłby poza MEDIA_ROOT.") % {"path": relative})
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(staged_media / relative, target)
    return len(paths)
