"""PostgreSQL's dump is made by the pg_dump of the server's own major version, never another."""

from __future__ import annotations

import stat

import pytest
from django.db import connection

from zit.core.backup.archive import archive_stage
from zit.core.backup.create import backup_create
from zit.core.backup.engine_postgres import client_tool
from zit.core.backup.errors import BackupError

pytestmark = pytest.mark.postgres


def test_the_dump_is_made_with_pg_dump_of_the_servers_major_version(platform, tmp_path):
    major = connection.pg_version // 10000
    manifest = archive_stage(
        backup_create(output=tmp_path / "kopia.tar.gz", key=None).path, key=None, into=tmp_path / "odczyt"
    ).manifest
    assert manifest["database"]["tool"].startswith(f"pg_dump (PostgreSQL) {major}.")
    assert manifest["database"]["server_version"].startswith(f"{major}.")
    assert manifest["database"]["member"] == "database/zit.pgdump"
    assert (
        (tmp_path / "odczyt" / "database" / "zit.pgdump").read_bytes().startswith(b"PGDMP")
    )  # custom format


def test_a_pg_dump_of_another_version_is_refused_by_name(tmp_path, settings):
    fake = tmp_path / "pg_dump"
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 99.1'\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    settings.ZIT_BACKUP_PG_BIN_DIR = str(tmp_path)
    assert client_tool("pg_dump", 99) == str(fake)
    with pytest.raises(BackupError, match=r"pg_dump w wersji 98 .*ZIT_BACKUP_PG_BIN_DIR.*99\.1"):
        client_tool("pg_dump", 98)
