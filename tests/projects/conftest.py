import datetime

import pytest

from mandate.accounts.models import Role
from mandate.core.testing import make_user
from mandate.orgs.models import UnitKind
from mandate.orgs.services import create_unit
from mandate.projects import services

START = datetime.date(2023, 1, 1)
END = datetime.date(2023, 12, 31)


@pytest.fixture
def board(tree):
    return create_unit(code="city-board", name_vi="Ban Quản lý dự án đầu tư xây dựng thành phố",
                       name_en="City construction investment project management board", kind=UnitKind.BOARD,
                       parent=tree.city)


@pytest.fixture
def board_users(board):
    return {
        "approver": make_user("board-approver", board, Role.APPROVER),
        "reporter": make_user("board-reporter", board, Role.REPORTER),
        "viewer": make_user("board-viewer", board, Role.VIEWER),
    }


@pytest.fixture
def make_project(board, users):
    def _make(name="Công viên phía Nam cầu 17/10", capital="10.000.000.000", investor=None, **kwargs):
        kwargs.setdefault("started_on", START)
        kwargs.setdefault("planned_completion", END)
        return services.create_project(actor=users["admin"], investor=investor or board, name=name, plan_year=2023,
                                       planned_capital=capital, **kwargs)
    return _make
