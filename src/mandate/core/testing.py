"""Builders for tests: a small Lang Son tree and users, made through the real services."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mandate.accounts.models import Membership, Role
from mandate.orgs.models import OrgUnit, UnitKind
from mandate.orgs.services import create_unit

_seq = itertools.count(1)


def make_user(username: str, unit: OrgUnit, role: str = Role.VIEWER, password: str = "a-Long-test-pass-42"):
    user = get_user_model().objects.create_user(username=username, password=password)
    Membership.objects.create(user=user, org_unit=unit, role=role)
    return user


@dataclass
class SmallTree:
    province: OrgUnit
    city: OrgUnit
    hoang_dong: OrgUnit
    mai_pha: OrgUnit
    chi_lang: OrgUnit
    department: OrgUnit


def small_tree() -> SmallTree:
    """Province → city → 2 communes + 1 ward; province → a department."""
    province = create_unit(code="lang-son", name_vi="Tỉnh Lạng Sơn", name_en="Lang Son province",
                           kind=UnitKind.PROVINCE)
    city = create_unit(code="lang-son-city", name_vi="Thành phố Lạng Sơn", name_en="Lang Son city",
                       kind=UnitKind.CITY, parent=province, valid_to=datetime.date(2025, 7, 1))
    hoang_dong = create_unit(code="hoang-dong", name_vi="Xã Hoàng Đồng", name_en="Hoang Dong commune",
                             kind=UnitKind.COMMUNE, parent=city, valid_to=datetime.date(2025, 7, 1))
    mai_pha = create_unit(code="mai-pha", name_vi="Xã Mai Pha", name_en="Mai Pha commune",
                          kind=UnitKind.COMMUNE, parent=city, valid_to=datetime.date(2025, 7, 1))
    chi_lang = create_unit(code="chi-lang", name_vi="Phường Chi Lăng", name_en="Chi Lang ward",
                           kind=UnitKind.WARD, parent=city, valid_to=datetime.date(2025, 7, 1))
    department = create_unit(code="dept-finance", name_vi="Sở Tài chính", name_en="Department of Finance",
                             kind=UnitKind.DEPARTMENT, parent=province)
    return SmallTree(province, city, hoang_dong, mai_pha, chi_lang, department)


class QueryCounter(CaptureQueriesContext):
    def __init__(self):
        super().__init__(connection)

    @property
    def count(self) -> int:
        return len(self.captured_queries)


def pdf_bytes(pages: int = 1) -> bytes:
    """A small valid PDF (uploads are checked by parsing, so tests need real files)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def docx_bytes(text: str = "Biên bản kiểm tra") -> bytes:
    import io

    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(text)
    document.save(buffer)
    return buffer.getvalue()


def view_as_of(client, day) -> None:
    """Make the test client's session view the system as of ``day`` (a date or YYYY-MM-DD),
    as the header form does: a POST to /as-of/ (a GET ?as_of applies to one request only)."""
    client.post("/as-of/", {"as_of": str(day), "next": "/"})
