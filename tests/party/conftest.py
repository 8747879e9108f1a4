import datetime
from dataclasses import dataclass

import pytest

from mandate.accounts.models import Role
from mandate.core.testing import make_user
from mandate.documents.services import create_document
from mandate.orgs.models import OrgUnit, UnitKind
from mandate.orgs.services import create_unit
from mandate.party import services
from mandate.party.models import BodyLevel, InspectionBody
from mandate.targets import services as targets
from mandate.targets.models import Aggregation, Comparator

D = datetime.date


@dataclass
class PartyTree:
    province: OrgUnit
    committee: OrgUnit
    org_a: OrgUnit
    cell_a1: OrgUnit
    org_b: OrgUnit
    inspection: OrgUnit
    department: OrgUnit


@pytest.fixture
def ptree(db):
    province = create_unit(code="lang-son", name_vi="Tỉnh Lạng Sơn", kind=UnitKind.PROVINCE)
    committee = create_unit(code="agencies", name_vi="Đảng ủy các cơ quan Đảng tỉnh", kind=UnitKind.PARTY_COMMITTEE,
                            parent=province, valid_from=D(2020, 1, 1))
    org_a = create_unit(code="org-a", name_vi="Đảng bộ Cơ quan A", kind=UnitKind.PARTY_ORGANIZATION,
                        parent=committee, valid_from=D(2020, 1, 1))
    cell_a1 = create_unit(code="cell-a1", name_vi="Chi bộ A1", kind=UnitKind.PARTY_CELL, parent=org_a,
                          valid_from=D(2020, 1, 1))
    org_b = create_unit(code="org-b", name_vi="Chi bộ Cơ quan B", kind=UnitKind.PARTY_ORGANIZATION,
                        parent=committee, valid_from=D(2020, 1, 1))
    inspection = create_unit(code="agencies-inspection", name_vi="Ủy ban Kiểm tra Đảng ủy", kind=UnitKind.OTHER,
                             parent=committee, valid_from=D(2020, 1, 1))
    InspectionBody.objects.create(org_unit=inspection, scope=committee, level=BodyLevel.DISTRICT)
    department = create_unit(code="dept", name_vi="Sở Tài chính", kind=UnitKind.DEPARTMENT, parent=province)
    return PartyTree(province, committee, org_a, cell_a1, org_b, inspection, department)


@pytest.fixture
def pusers(ptree):
    return {
        "committee": make_user("committee", ptree.committee, Role.APPROVER),
        "cell": make_user("cell-a1", ptree.cell_a1, Role.REPORTER),
        "org_b": make_user("org-b", ptree.org_b, Role.REPORTER),
        "inspector": make_user("inspector", ptree.inspection, Role.VIEWER),
        "province_viewer": make_user("province-viewer", ptree.province, Role.VIEWER),
        "department": make_user("dept-viewer", ptree.department, Role.VIEWER),
    }


ADMITTED, OFFICIAL = D(2015, 5, 1), D(2016, 5, 1)


def member_row(code, name, *, admitted=ADMITTED, official=OFFICIAL, born=1985, sex="female", **kw):
    return services.MemberRow(code=code, full_name=name, birth_year=born, sex=sex, ethnicity="Tày",
                              admitted_on=admitted, official_on=official, **kw)


def add(unit, names, prefix):
    rows = [member_row(f"{prefix}{i:03d}", name) for i, name in enumerate(names, start=1)]
    return services.add_members(actor=None, org_unit=unit, rows=rows)


@pytest.fixture
def members(ptree):
    return {
        "a1": add(ptree.cell_a1, [f"Hoàng Văn Thử {i}" for i in range(12)], "A1-"),
        "b": add(ptree.org_b, [f"Lương Thị Mẫu {i}" for i in range(5)], "B-"),
    }


@pytest.fixture
def seed_targets(ptree, pusers):
    doc = create_document(number="01-NQ/ĐU", title="Nghị quyết Đại hội nhiệm kỳ 2025-2030",
                          issuing_unit=ptree.committee, issued_on=D(2025, 6, 20))
    common = dict(actor=None, document=doc, org_unit=ptree.committee, unit_of_measure="%", period="2025-2030",
                  comparator=Comparator.AT_LEAST, aggregation=Aggregation.AVERAGE)
    return {
        "members": targets.create_target(indicator="Đảng viên hoàn thành tốt nhiệm vụ trở lên", value=95, **common),
        "orgs": targets.create_target(indicator="Tổ chức đảng hoàn thành tốt nhiệm vụ trở lên", value=100, **common),
        "four_good": targets.create_target(indicator="Chi bộ 4 tốt", value=100, **common),
    }
