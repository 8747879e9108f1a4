"""Builders for tests of elections and the portal, made through the real services."""

from __future__ import annotations

import datetime

from mandate.accounts.models import Role
from mandate.core.testing import make_user
from mandate.orgs.models import UnitKind
from mandate.orgs.services import create_unit

from . import services
from .models import BodyKind

DAY = datetime.date(2026, 3, 15)
NEW = datetime.date(2025, 7, 1)


def make_wards(tree) -> dict:
    return {
        "ky_lua": create_unit(code="ky-lua", name_vi="Phường Kỳ Lừa", name_en="Ky Lua ward", kind=UnitKind.WARD,
                              parent=tree.province, valid_from=NEW),
        "tam_thanh": create_unit(code="tam-thanh-2025", name_vi="Phường Tam Thanh", name_en="Tam Thanh ward",
                                 kind=UnitKind.WARD, parent=tree.province, valid_from=NEW),
    }


def make_election_users(users: dict, wards: dict) -> dict:
    return {**users, "kl_reporter": make_user("kl-reporter", wards["ky_lua"], Role.REPORTER),
            "kl_approver": make_user("kl-approver", wards["ky_lua"], Role.APPROVER)}


def candidate(constituency, name, year=1980, sex="male", minority=False, party=True, order=0):
    return services.add_candidate(actor=None, constituency=constituency, full_name=name, birth_year=year, sex=sex,
                                  ethnicity="Tày" if minority else "Kinh", is_ethnic_minority=minority,
                                  occupation="Cán bộ", is_party_member=party, nomination="nominated",
                                  list_order=order)


def build_election(tree, wards, actor) -> dict:
    """Two constituencies of a provincial council: no. 1 (1 seat, 2 areas, 2 candidates),
    no. 2 (2 seats, 1 area, 4 candidates)."""
    e = services.create_election(actor=actor, organizer=tree.province, name_vi="Bầu cử thử nghiệm 2026",
                                 name_en="Test election 2026", term="2026-2031", election_day=DAY,
                                 bodies=[(BodyKind.PROVINCIAL_COUNCIL, tree.province, 3)],
                                 assigned_on=datetime.date(2025, 11, 1))
    body = e.bodies.get()
    one = services.create_constituency(actor=None, body=body, number=1, name="Đơn vị bầu cử số 1", seats=1,
                                       units=[wards["ky_lua"]])
    two = services.create_constituency(actor=None, body=body, number=2, name="Đơn vị bầu cử số 2", seats=2,
                                       units=[wards["tam_thanh"]])
    a1 = services.add_voting_area(actor=None, constituency=one, unit=wards["ky_lua"], name="KVBP số 1", voters=1000)
    a2 = services.add_voting_area(actor=None, constituency=one, unit=wards["ky_lua"], name="KVBP số 2", voters=800)
    b1 = services.add_voting_area(actor=None, constituency=two, unit=wards["tam_thanh"], name="KVBP số 1", voters=1500)
    cands = {
        "an": candidate(one, "Nguyễn Văn An", 1975, order=1),
        "binh": candidate(one, "Trần Thị Bình", 1990, sex="female", minority=True, order=2),
        "cuong": candidate(two, "Lê Văn Cường", 1970, order=1),
        "dung": candidate(two, "Phạm Thị Dung", 1988, sex="female", order=2),
        "em": candidate(two, "Hoàng Văn Em", 1992, minority=True, party=False, order=3),
        "gia": candidate(two, "Vi Thị Gia", 1985, sex="female", minority=True, order=4),
    }
    return {"election": e, "body": body, "one": one, "two": two, "a1": a1, "a2": a2, "b1": b1, **cands}


def enter(built: dict, area: str, votes: dict, issued=900, received=850, valid=840, invalid=10, **kw):
    return services.enter_result(actor=None, area=built[area], ballots_issued=issued, ballots_received=received,
                                 valid=valid, invalid=invalid, votes={built[k].pk: v for k, v in votes.items()}, **kw)
