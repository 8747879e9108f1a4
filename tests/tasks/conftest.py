import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mandate.core.testing import pdf_bytes, png_bytes
from mandate.tasks.services import assign_task

PDF_BYTES = pdf_bytes()
PNG_BYTES = png_bytes()


@pytest.fixture
def upload():
    """An uploaded file: upload("bien-ban.pdf") is a small valid PDF; pass content for others."""

    def _upload(name="bien-ban.pdf", content=PDF_BYTES):
        return SimpleUploadedFile(name, content)

    return _upload


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def make_task(tree, users, plan):
    def _make(**overrides):
        fields = dict(
            actor=users["city_approver"], title="Hoàn thành giải phóng mặt bằng đường Bà Triệu",
            lead_unit=tree.hoang_dong, assigning_unit=tree.city, deadline=datetime.date(2023, 6, 15),
            source_document=plan, assigned_on=datetime.date(2023, 3, 1),
        )
        fields.update(overrides)
        return assign_task(**fields)

    return _make
