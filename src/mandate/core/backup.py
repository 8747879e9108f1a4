"""Backup and restore of the database and the uploaded files in one archive.

An archive is a .tar holding ``manifest.json``, the database (``db/mandate.sqlite3`` made
with SQLite's online backup API, or ``db/mandate.dump`` from ``pg_dump --format=custom``)
and every file under MEDIA_ROOT (``media/...``). The manifest lists each member with its
size and SHA-256; a restore checks every checksum before it changes anything.

Why not ``dumpdata``/``loaddata``: they go through the models one row at a time, skip files,
and trip over history rows that refer to deleted records; the database's own tools copy the
data exactly, with sequences, in seconds.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections

FORMAT = "mandate-backup"
FORMAT_VERSION = 1
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


def engine_name(alias: str = "default") -> str:
    engine = connections[alias].settings_dict["ENGINE"]
    if "sqlite" in engine:
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"unsupported database engine {engine}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env_and_args(alias: str) -> tuple[dict, list[str]]:
    s = connections[alias].settings_dict
    env = {**os.environ}
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    args = []
    if s.get("HOST"):
        args += ["--host", str(s["HOST"])]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", str(s["USER"])]
    return env, args


def _dump_database(alias: str, target_dir: Path) -> Path:
    connection = connections[alias]
    if engine_name(alias) == "sqlite":
        target = target_dir / "mandate.sqlite3"
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)  # consistent even while others write
        finally:
            destination.close()
        return target
    target = target_dir / "mandate.dump"
    env, args = _pg_env_and_args(alias)
    run = subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args,
                          "--file", str(target), connection.settings_dict["NAME"]],
                         env=env, capture_output=True, text=True)
    if run.returncode != 0:
        raise BackupError("pg_dump failed: " + run.stderr.strip())
    return target


def create_backup(output: Path, *, alias: str = "default", media_root: Path | None = None) -> dict:
    """Write the archive to ``output``; return the manifest."""
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="mandate-backup-") as tmp:
        db_file = _dump_database(alias, Path(tmp))
        members = [(f"db/{db_file.name}", db_file)]
        if media_root.is_dir():
            for path in sorted(p for p in media_root.rglob("*") if p.is_file()):
                members.append(("media/" + path.relative_to(media_root).as_posix(), path))
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "db_engine": engine_name(alias),
            "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "files": [{"path": name, "size": path.stat().st_size, "sha256": _sha256(path)} for name, path in members],
        }
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            info.mtime = int(datetime.datetime.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            for name, path in members:
                archive.add(path, arcname=name, recursive=False)
        partial.replace(output)
    return manifest


def _safe_member(name: str) -> bool:
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts and parts[0] in ("db", "media")


def read_and_verify(archive_path: Path, workdir: Path) -> dict:
    """Extract into ``workdir`` and check the manifest and every checksum; raise BackupError."""
    with tarfile.open(archive_path, "r") as archive:
        try:
            manifest = json.load(archive.extractfile("manifest.json"))
        except (KeyError, ValueError) as exc:
            raise BackupError("not a Mandate backup: manifest.json missing or unreadable") from exc
        if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
            raise BackupError("not a Mandate backup of a supported version")
        listed = {f["path"]: f for f in manifest["files"]}
        for member in archive.getmembers():
            if member.name == "manifest.json":
                continue
            if member.name not in listed or not member.isfile() or not _safe_member(member.name):
                raise BackupError(f"unexpected member in the archive: {member.name}")
            target = workdir / member.name
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.extractfile(member) as source, target.open("wb") as sink:
                shutil.copyfileobj(source, sink, CHUNK)
    for name, entry in listed.items():
        path = workdir / name
        if not path.is_file():
            raise BackupError(f"missing from the archive: {name}")
        if path.stat().st_size != entry["size"] or _sha256(path) != entry["sha256"]:
            raise BackupError(f"checksum mismatch: {name}")
    return manifest


def _restore_database(alias: str, manifest: dict, workdir: Path) -> None:
    connection = connections[alias]
    engine = engine_name(alias)
    if manifest["db_engine"] != engine:
        raise BackupError(f"the backup is of a {manifest['db_engine']} database; this one is {engine}")
    if engine == "sqlite":
        source = sqlite3.connect(workdir / "db" / "mandate.sqlite3")
        try:
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
        return
    from mandate.targets import status_cache

    used = status_cache.last_stamp(connection)
    connection.close()
    env, args = _pg_env_and_args(alias)
    # Not `pg_restore --clean`: on partitioned tables (targets.partitions) it drops each
    # partition's inherited constraints and fails. The dump becomes an SQL script first (so a
    # broken dump stops here, before anything is dropped), then one psql transaction drops the
    # schema's tables and sequences and runs the script: all of it or, on any error, nothing.
    script = workdir / "db" / "mandate.sql"
    run = subprocess.run(["pg_restore", "--no-owner", "--no-privileges", "--file", str(script),
                          str(workdir / "db" / "mandate.dump")], env=env, capture_output=True, text=True)
    if run.returncode != 0:
        raise BackupError("pg_restore failed: " + run.stderr.strip())
    run = subprocess.run(["psql", "--no-psqlrc", "--quiet", "--single-transaction", "--set", "ON_ERROR_STOP=1",
                          *args, "--dbname", connection.settings_dict["NAME"],
                          "--command", _DROP_SCHEMA_OBJECTS, "--file", str(script)],
                         env=env, capture_output=True, text=True)
    if run.returncode != 0:
        raise BackupError("restore failed, the database is unchanged: " + run.stderr.strip())
    status_cache.continue_stamps_after(connection, used)


# Partitions go with their parent table, owned sequences with their table, triggers with their
# table or function.
_DROP_SCHEMA_OBJECTS = """
DO $$
DECLARE item record;
BEGIN
  FOR item IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = current_schema() AND c.relkind IN ('v', 'm', 'r', 'p', 'S')
                AND NOT c.relispartition ORDER BY c.relkind = 'S', c.relkind IN ('r', 'p')
  LOOP
    EXECUTE format(CASE item.relkind WHEN 'v' THEN 'DROP VIEW IF EXISTS %I CASCADE'
                                     WHEN 'm' THEN 'DROP MATERIALIZED VIEW IF EXISTS %I CASCADE'
                                     WHEN 'S' THEN 'DROP SEQUENCE IF EXISTS %I CASCADE'
                                     ELSE 'DROP TABLE IF EXISTS %I CASCADE' END, item.relname);
  END LOOP;
  -- The schema's own functions (the triggers' of targets.status_cache), not an extension's.
  FOR item IN SELECT p.oid::regprocedure AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
              WHERE n.nspname = current_schema()
                AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('DROP FUNCTION IF EXISTS %s CASCADE', item.signature);
  END LOOP;
END $$;
"""


def restore_backup(archive_path: Path, *, alias: str = "default", media_root: Path | None = None) -> dict:
    """Verify the archive, then replace the database and the uploaded files with its content."""
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="mandate-restore-") as tmp:
        workdir = Path(tmp)
        manifest = read_and_verify(archive_path, workdir)
        _restore_database(alias, manifest, workdir)
        restored_media = workdir / "media"
        if media_root.exists():
            shutil.rmtree(media_root)
        media_root.mkdir(parents=True, exist_ok=True)
        if restored_media.is_dir():
            shutil.copytree(restored_media, media_root, dirs_exist_ok=True)
    return manifest
