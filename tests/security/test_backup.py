"""`mandate backup` and `mandate restore`: a round trip gives back every table's rows and
every uploaded file; a damaged archive is refused before anything changes."""

import datetime
import tarfile

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from mandate.accounts.models import Role
from mandate.core.testing import make_user, pdf_bytes, small_tree
from mandate.documents.services import create_document
from mandate.orgs.models import UnitKind
from mandate.orgs.services import create_unit

pytestmark = pytest.mark.django_db(transaction=True)


def table_contents() -> dict:
    """Every row of every table, by table name."""
    contents = {}
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed:
            continue
        contents[model._meta.db_table] = sorted(map(repr, model._base_manager.order_by().values_list()))
    return contents


def media_files(root) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_round_trip_gives_back_every_row_and_file(media, tmp_path):
    tree = small_tree()
    make_user("hd-reporter", tree.hoang_dong, Role.REPORTER)
    create_document(number="150-KH/TU", title="Kế hoạch kiểm tra sao lưu", issuing_unit=tree.city,
                    issued_on=datetime.date(2023, 2, 24),
                    signed_file=SimpleUploadedFile("ban-ky.pdf", pdf_bytes()))
    before_rows, before_files = table_contents(), media_files(media)
    assert before_files and any(before_rows.values())

    archive = tmp_path / "backup.tar"
    call_command("backup", str(archive))
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert names[0] == "manifest.json" and any(n.startswith("media/documents/") for n in names)

    # Change everything after the backup: rows, a deleted file, an extra file.
    create_document(number="151-KH/TU", title="Ghi sau khi sao lưu", issuing_unit=tree.city)
    for path in media.rglob("*.pdf"):
        path.unlink()
    (media / "extra.txt").write_text("x")
    assert table_contents() != before_rows

    call_command("restore", str(archive), "--yes")
    connection.close()
    assert table_contents() == before_rows
    assert media_files(media) == before_files


def test_a_damaged_archive_is_refused_before_anything_changes(media, tmp_path):
    small_tree()
    archive = tmp_path / "backup.tar"
    call_command("backup", str(archive))
    rows = table_contents()
    data = bytearray(archive.read_bytes())
    # Flip a byte inside the database member (after the manifest's 512-byte header and body).
    with tarfile.open(archive) as tar:
        member = tar.getmember([n for n in tar.getnames() if n.startswith("db/")][0])
    data[member.offset_data + 200] ^= 0xFF
    damaged = tmp_path / "damaged.tar"
    damaged.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="checksum mismatch"):
        call_command("restore", str(damaged), "--yes")
    assert table_contents() == rows


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the change stamps are PostgreSQL's")
def test_after_a_restore_stamps_go_on_above_every_stamp_given_before(media, tmp_path):
    """The dashboard's kept counts are keyed by stamps (targets.status_cache): a restored
    sequence giving again a stamp already seen with other figures would show those figures."""
    from mandate.targets.models import UnitChangeStamp
    from mandate.targets.status_cache import last_stamp

    tree = small_tree()
    archive = tmp_path / "backup.tar"
    call_command("backup", str(archive))
    for i in range(3):  # stamps given after the backup
        create_unit(code=f"thon-{i}", name_vi=f"Thôn {i}", kind=UnitKind.VILLAGE, parent=tree.hoang_dong)
    used = last_stamp(connection)
    call_command("restore", str(archive), "--yes")
    connection.close()
    create_unit(code="thon-moi", name_vi="Thôn mới", kind=UnitKind.VILLAGE, parent=tree.hoang_dong)
    assert UnitChangeStamp.objects.get(unit_id=0).stamp > used
