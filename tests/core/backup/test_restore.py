"""Restore: the round trip reproduces the database and the files exactly, on SQLite and on PostgreSQL; every
refusal comes before anything is written."""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

import zit
from zit.core.backup.archive import MANIFEST_NAME, ArchiveWriter
from zit.core.backup.create import backup_create
from zit.core.backup.crypto import key_generate, key_parse
from zit.core.backup.database import (
    POSTGRESQL,
    SQLITE,
    Target,
    engine_module,
    row_counts,
    target_from_settings,
)
from zit.core.backup.errors import BackupError
from zit.core.backup.restore import backup_restore
from zit.core.models import SignedDocument

from .conftest import PERSON_EMAIL, file_hashes, live_row_counts, tables_in

PROJECT = Path(zit.__file__).resolve().parent.parent.parent


def _backup(tmp_path: Path, *, key: bytes | None = None, name: str = "kopia.tar.gz") -> Path:
    return backup_create(output=tmp_path / "kopie" / name, key=key).path


def _restore(archive: Path, target, media_root: Path, **options):
    return backup_restore(
        archive=archive, target=target, media_root=media_root, key=options.pop("key", None), **options
    )


def _assert_nothing_written(target, media_root: Path) -> None:
    assert tables_in(target) == []
    assert not media_root.exists() or file_hashes(media_root) == {}


def test_round_trip_reproduces_every_table_every_file_and_the_signed_documents(
    platform, media, empty_target, tmp_path
):
    counts_before, files_before = live_row_counts(), file_hashes(media)
    archive = _backup(tmp_path)
    restored_media = tmp_path / "odtworzone-pliki"

    result = _restore(archive, empty_target, restored_media)

    with engine_module(empty_target.engine).connect(empty_target) as conn:
        restored_counts = row_counts(conn, empty_target.engine)
    assert restored_counts == counts_before
    assert restored_counts["association_person"] == 2 and restored_counts["core_signeddocument"] == 1
    assert file_hashes(restored_media) == files_before
    assert "uploads/wnioski/zażółć gęślą jaźń.txt" in files_before
    signed = SignedDocument.objects.get()
    restored_signed = (restored_media / signed.signed.name).read_bytes()
    assert hashlib.sha256(restored_signed).hexdigest() == signed.signed_sha256
    assert [check.ok for check in result.signed] == [True]
    assert result.count_differences == [] and result.migrations_to_run == []
    assert result.manifest["row_counts"] == counts_before


def test_the_restore_command_restores_into_the_configured_database_and_says_what_it_did(
    platform, media, empty_target, tmp_path
):
    archive = _backup(tmp_path)
    var = tmp_path / "nowy-serwer"
    done = _manage(["restore", str(archive)], target=empty_target, var=var)
    assert done.returncode == 0, done.stderr
    assert "tyle samo co w kopii" in done.stdout
    assert "Podpisane dokumenty: 1, każdy ma SHA-256 zapisany przy wgraniu." in done.stdout
    assert "manage.py ensure_recurring_jobs" in done.stdout
    assert file_hashes(var / "media") == file_hashes(media)


def _manage(args: list[str], *, target, var: Path, env: dict[str, str] | None = None):
    """manage.py as the operator runs it on the server: DATABASE_URL names the target, ZIT_VAR_DIR its files."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ZIT_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, str(PROJECT / "manage.py"), *args],
        env=clean
        | {
            "DJANGO_SETTINGS_MODULE": "zit.config.settings_test",
            "DATABASE_URL": target_url(target),
            "ZIT_VAR_DIR": str(var),
        }
        | (env or {}),
        capture_output=True,
        text=True,
        timeout=300,
    )


def target_url(target) -> str:
    s = target.settings
    if target.engine == SQLITE:
        return f"sqlite:///{s['NAME']}"
    auth = (s.get("USER") or "") + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s.get('HOST') or 'localhost'}:{s.get('PORT') or 5432}/{s['NAME']}"


def test_restoring_over_the_database_in_use_is_refused_before_the_archive_is_read(platform, media, tmp_path):
    archive = _backup(tmp_path)
    counts, files = live_row_counts(), file_hashes(media)
    live = target_from_settings(connection.settings_dict)
    with pytest.raises(BackupError, match="nie jest pusta: zastosowano w niej już migracje"):
        _restore(archive, live, tmp_path / "inne-pliki")
    with pytest.raises(CommandError, match="Nic nie zostało zapisane w bazie ani w katalogu plików"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert live_row_counts() == counts and file_hashes(media) == files


@pytest.mark.parametrize(
    "prepare, refusal",
    [
        (
            [
                "CREATE TABLE django_migrations (id integer PRIMARY KEY, app varchar(255), name varchar(255))",
                "INSERT INTO django_migrations VALUES (1, 'core', '0001_initial')",
            ],
            "zastosowano w niej już migracje",
        ),
        (
            [
                "CREATE TABLE association_person (id integer PRIMARY KEY, first_name varchar(100))",
                "INSERT INTO association_person VALUES (1, 'Ewa')",
            ],
            r"tabele z wierszami: association_person \(1\)",
        ),
        (["CREATE TABLE core_job (id integer PRIMARY KEY)"], "ma już tabele"),
    ],
    ids=["migrations-applied", "rows", "empty-tables"],
)
def test_a_database_that_is_not_empty_is_refused_before_the_archive_is_read(
    empty_target, tmp_path, prepare, refusal
):
    with engine_module(empty_target.engine).connect(empty_target) as conn:
        for statement in prepare:
            conn.execute(statement)
        conn.commit()
        before = row_counts(conn, empty_target.engine)
    with pytest.raises(BackupError, match=refusal):
        _restore(tmp_path / "jeszcze-nie-ma.tar.gz", empty_target, tmp_path / "pliki")
    with engine_module(empty_target.engine).connect(empty_target) as conn:
        assert row_counts(conn, empty_target.engine) == before
    assert not (tmp_path / "pliki").exists()


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_truncated_or_changed_archive_is_refused_with_nothing_written(
    platform, empty_target, tmp_path, encrypted
):
    key = key_parse(key_generate()) if encrypted else None
    data = _backup(tmp_path, key=key).read_bytes()
    flipped = _flipped_in_the_middle(data, encrypted=encrypted)
    for damaged in (data[: len(data) * 2 // 3], data[: len(data) - 1], flipped):
        archive = tmp_path / "uszkodzona.tar.gz"
        archive.write_bytes(damaged)
        with pytest.raises(BackupError, match="uszkodzona"):
            _restore(archive, empty_target, tmp_path / "pliki", key=key)
        _assert_nothing_written(empty_target, tmp_path / "pliki")
    archive.write_bytes(data)  # the same archive whole restores
    _restore(archive, empty_target, tmp_path / "pliki", key=key)
    assert tables_in(empty_target)


def _flipped_in_the_middle(data: bytes, *, encrypted: bool) -> bytes:
    """The archive with one bit flipped from the middle on, where the flip changes what it holds. In a plain
    archive a few flips do not: a back-reference's distance inside a run of zeros (the free pages of a database
    file) copies the same zeros from elsewhere, so the content, and its checksum, stay the same and the archive
    is whole. An encrypted archive's tags refuse every flip."""
    original = None if encrypted else gzip.decompress(data)
    for position in range(len(data) // 2, len(data)):
        flipped = bytearray(data)
        flipped[position] ^= 0x01
        if encrypted:
            return bytes(flipped)
        try:
            if gzip.decompress(bytes(flipped)) == original:
                continue
        except (OSError, EOFError, zlib.error):
            pass
        return bytes(flipped)
    raise AssertionError("no flip changes the archive")


def _synthetic(path: Path, target, *, manifest=None, files: dict[str, bytes] | None = None) -> Path:
    """A well-formed archive whose manifest agrees with its members (unless told otherwise) and describes this
    code's database: only the checks before writing see it, so its dump need not be a real one."""
    from django.db.migrations.loader import MigrationLoader

    from zit.core.backup.archive import FORMAT, FORMAT_VERSION

    members = {"database/zit.dump": b"zrzut bazy", "media/uploads/plik.txt": b"plik"} | (files or {})
    engine = engine_module(target.engine)
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": "2026-03-01T02:00:00+00:00",
        "platform": {"version": "0.1.0", "commit": None},
        "database": {
            "engine": target.engine,
            "server_version": engine.server_version(target),
            "tool": "test",
            "member": "database/zit.dump",
            "sha256": hashlib.sha256(b"zrzut bazy").hexdigest(),
            "size": len(b"zrzut bazy"),
        },
        "migrations": _all_migrations(MigrationLoader(None, ignore_no_migrations=True)),
        "row_counts": {},
        "files": [{"path": "uploads/plik.txt", "sha256": hashlib.sha256(b"plik").hexdigest(), "size": 4}],
        "signed_documents": [],
        "problems": [],
    }
    if manifest:
        manifest(data)
    work = path.parent / (path.name + ".members")
    writer = ArchiveWriter(path, key=None)
    for name, content in members.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_bytes(content)
        writer.add_file(name, work / name)
    writer.add_json(MANIFEST_NAME, data)
    writer.close()
    return path


def _all_migrations(loader) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(loader.disk_migrations):
        applied.setdefault(app, []).append(name)
    return applied


def test_a_file_that_does_not_match_its_hash_in_the_manifest_is_refused(empty_target, tmp_path):
    archive = _synthetic(
        tmp_path / "kopia.tar.gz", empty_target, files={"media/uploads/plik.txt": b"podmieniony"}
    )
    with pytest.raises(BackupError, match="plik media/uploads/plik.txt ma inną sumę SHA-256"):
        _restore(archive, empty_target, tmp_path / "pliki")
    _assert_nothing_written(empty_target, tmp_path / "pliki")


def test_a_file_the_manifest_does_not_list_is_refused(empty_target, tmp_path):
    archive = _synthetic(tmp_path / "kopia.tar.gz", empty_target, files={"media/dopisany.txt": b"obcy"})
    with pytest.raises(BackupError, match="plik media/dopisany.txt nie figuruje w spisie"):
        _restore(archive, empty_target, tmp_path / "pliki")
    _assert_nothing_written(empty_target, tmp_path / "pliki")


def test_an_archive_from_another_engine_is_refused(empty_target, tmp_path):
    other = POSTGRESQL if empty_target.engine == SQLITE else SQLITE
    archive = _synthetic(
        tmp_path / "kopia.tar.gz", empty_target, manifest=lambda m: m["database"].update(engine=other)
    )
    with pytest.raises(BackupError, match=f"Kopia pochodzi z bazy {other}"):
        _restore(archive, empty_target, tmp_path / "pliki")
    _assert_nothing_written(empty_target, tmp_path / "pliki")


def test_an_archive_from_a_newer_platform_is_refused(empty_target, tmp_path):
    archive = _synthetic(
        tmp_path / "kopia.tar.gz",
        empty_target,
        manifest=lambda m: m["migrations"]["core"].append("9999_z_przyszlosci"),
    )
    with pytest.raises(BackupError, match=r"nowszej wersji platformy .*core\.9999_z_przyszlosci"):
        _restore(archive, empty_target, tmp_path / "pliki")
    _assert_nothing_written(empty_target, tmp_path / "pliki")


def test_an_archive_in_a_newer_format_is_refused(empty_target, tmp_path):
    archive = _synthetic(
        tmp_path / "kopia.tar.gz", empty_target, manifest=lambda m: m.update(format_version=99)
    )
    with pytest.raises(BackupError, match="format w wersji 99"):
        _restore(archive, empty_target, tmp_path / "pliki")
    _assert_nothing_written(empty_target, tmp_path / "pliki")


def test_files_are_restored_into_a_media_root_that_holds_files_only_when_allowed(
    platform, media, empty_target, tmp_path
):
    archive = _backup(tmp_path)
    target_media = tmp_path / "pliki"
    (target_media / "uploads").mkdir(parents=True)
    (target_media / "uploads" / "duzy.bin").write_bytes(b"stary")
    (target_media / "inny.txt").write_text("zostaje")
    with pytest.raises(BackupError, match="--force-media"):
        _restore(archive, empty_target, target_media)
    assert tables_in(empty_target) == []

    _restore(archive, empty_target, target_media, force_media=True)
    assert file_hashes(target_media) == file_hashes(media) | {
        "inny.txt": hashlib.sha256(b"zostaje").hexdigest()
    }


def test_an_encrypted_archive_needs_its_key(platform, media, empty_target, tmp_path):
    key = key_parse(key_generate())
    archive = _backup(tmp_path, key=key, name="kopia.tar.gz.enc")
    data = archive.read_bytes()
    assert not data.startswith(b"\x1f\x8b")  # not a gzip file anyone can open
    assert PERSON_EMAIL.encode() not in data and b"%PDF" not in data

    with pytest.raises(BackupError, match="Kopia jest zaszyfrowana: ustaw ZIT_BACKUP_KEY"):
        _restore(archive, empty_target, tmp_path / "pliki")
    with pytest.raises(BackupError, match="Klucz \\(ZIT_BACKUP_KEY\\) nie pasuje do tej kopii"):
        _restore(archive, empty_target, tmp_path / "pliki", key=key_parse(key_generate()))
    _assert_nothing_written(empty_target, tmp_path / "pliki")

    result = _restore(archive, empty_target, tmp_path / "pliki", key=key)
    assert file_hashes(tmp_path / "pliki") == file_hashes(media)
    assert result.row_counts == live_row_counts()


def test_erasures_made_after_the_archive_are_listed_for_the_operator(platform, media, empty_target, tmp_path):
    from zit.accounts.services import user_create
    from zit.association.services import person_erase

    archive = _backup(tmp_path)
    officer = user_create(
        actor=None, username="biuro-rodo", password="haslo-testowe-123", roles=[("office_admin", None)]
    )
    person_erase(actor=officer, person=platform["person"], reason="Wniosek o usunięcie danych z 3 marca")

    result = _restore(
        archive,
        empty_target,
        tmp_path / "pliki",
        erasures_from=target_from_settings(connection.settings_dict),
    )
    assert [(e.person_id, e.reason) for e in result.erasures] == [
        (platform["person"].pk, "Wniosek o usunięcie danych z 3 marca")
    ]


def test_a_database_for_erasures_that_cannot_be_read_stops_the_restore_before_writing(
    platform, empty_target, tmp_path
):
    archive = _backup(tmp_path)
    missing = Target(
        SQLITE, {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "nie-ma.sqlite3")}
    )
    with pytest.raises(BackupError, match="Nie ma bazy .*nie-ma.sqlite3"):
        _restore(archive, empty_target, tmp_path / "pliki", erasures_from=missing)
    _assert_nothing_written(empty_target, tmp_path / "pliki")
    assert not (tmp_path / "nie-ma.sqlite3").exists()


def test_an_incomplete_manifest_is_refused(empty_target, tmp_path):
    archive = _synthetic(tmp_path / "kopia.tar.gz", empty_target, manifest=lambda m: m.pop("files"))
    with pytest.raises(BackupError, match="manifest.json\\) jest niepełny"):
        _restore(archive, empty_target, tmp_path / "pliki")
    _assert_nothing_written(empty_target, tmp_path / "pliki")
