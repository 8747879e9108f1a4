"""The board's project list exports to Excel: the browser receives an .xlsx download."""

import datetime
import io

from openpyxl import load_workbook

from mandate.accounts.models import Role
from mandate.core.testing import make_user
from mandate.orgs.models import UnitKind
from mandate.orgs.services import create_unit
from mandate.projects import services


def test_export_project_list(page, login, tree, users):
    board = create_unit(code="board", name_vi="Ban Quản lý dự án đầu tư xây dựng thành phố", kind=UnitKind.BOARD,
                        parent=tree.city)
    make_user("board-viewer", board, Role.VIEWER)
    for i, capital in enumerate(["12.000.000.000", "8.500.000.000"]):
        services.create_project(actor=users["admin"], investor=board, name=f"Dự án {i}", plan_year=2023,
                                planned_capital=capital, started_on=datetime.date(2023, 1, 1),
                                planned_completion=datetime.date(2023, 12, 31))
    login("board-viewer")
    page.goto(page.base_url + "/projects/")
    assert page.get_by_test_id("total-count").inner_text() == "2"
    with page.expect_download() as download_info:
        page.get_by_test_id("export-xlsx").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    ws = load_workbook(io.BytesIO(open(download.path(), "rb").read())).active
    rows = [r for r in ws.iter_rows(values_only=True)]
    assert rows[-1][4] == 20_500_000_000
