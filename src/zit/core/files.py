"""Stored files wherever the storage keeps them: on this machine's disk, on a disk shared by several machines,
or in an S3-compatible bucket (`ZIT_STORAGE`). Code reads and writes them through the storage; the readers that
need a path on the local disk (openpyxl's read-only mode, the streaming CSV reader) get one from `local_path`.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePath

from django.db.models.fields.files import FieldFile

COPY_CHUNK = 1024 * 1024


@contextmanager
def local_path(file: FieldFile) -> Iterator[Path]:
    """A path on this machine's disk to a stored file, for as long as the block runs: the file itself when
    the storage keeps it on a disk, otherwise a temporary copy (with the same extension, which readers use to
    tell the format), removed afterwards."""
    try:
        stored_at = Path(file.storage.path(file.name))
    except NotImplementedError:  # a storage without local files, such as S3
        stored_at = None
    if stored_at is not None and stored_at.is_file():  # (the in-memory storage names a path it never writes)
        yield stored_at
        return
    with tempfile.NamedTemporaryFile(prefix="zit-", suffix=PurePath(file.name).suffix) as copy:
        with file.storage.open(file.name, "rb") as stored:
            shutil.copyfileobj(stored, copy, COPY_CHUNK)
        copy.flush()
        yield Path(copy.name)
