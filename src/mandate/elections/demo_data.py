"""Demo data: the elections of 15 March 2026 (16th National Assembly and People's Councils,
term 2026-2031) in Lang Son, over the communes and wards that exist after 1 July 2025, and
what the public portal shows.

Real: the election day, the term, the bodies, the legal schedule (as data), the unit names.
Invented and marked (``is_demo`` on the election, candidates and figures): the constituencies'
layout and seats, the voting areas and their voters, every candidate (names made up), every
turnout and result figure. One constituency misses a structure target (no candidate outside
the Party), one needs a supplementary vote (fewer elected than seats), the National Assembly
constituency is still being counted. Everything goes through the services.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from mandate.orgs.models import OrgUnit, UnitKind
from mandate.portal import services as portal
from mandate.portal.models import PublicationKind
from mandate.targets.models import ValueState
from mandate.tasks.models import Task
from mandate.tasks.services import report_progress

from . import services
from .models import AreaResult, BodyKind, Election, TurnoutReport

ORDER = 60

DAY = datetime.date(2026, 3, 15)
CREATED = datetime.date(2025, 11, 20)
NAME_VI = "Bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2026 – 2031"
NAME_EN = "Election of deputies to the 16th National Assembly and to People's Councils at all levels, 2026–2031"

# Per provincial constituency: seats, then candidates (name, born, sex, ethnicity, Party member,
# self-nominated, occupation), then the vote shares of valid ballots in list order.
PROVINCIAL = [
    (2, [("Hoàng Thị Mai Anh", 1982, "female", "Tày", True, False, "Phó Giám đốc Sở (demo)"),
         ("Lương Văn Bảo", 1975, "male", "Nùng", True, False, "Bí thư Đảng ủy phường (demo)"),
         ("Nguyễn Minh Châu", 1991, "male", "Kinh", False, False, "Giáo viên trung học (demo)")],
     [0.81, 0.63, 0.44]),
    (3, [("Vi Thị Duyên", 1988, "female", "Tày", True, False, "Bác sĩ Trung tâm Y tế (demo)"),
         ("Nông Văn Đức", 1970, "male", "Nùng", True, False, "Chủ tịch Ủy ban MTTQ (demo)"),
         ("Lộc Thị Giang", 1993, "female", "Nùng", False, False, "Kỹ sư nông nghiệp (demo)"),
         ("Triệu Văn Hải", 1979, "male", "Dao", True, False, "Trưởng phòng Dân tộc (demo)"),
         ("Phạm Quang Huy", 1984, "male", "Kinh", True, True, "Giám đốc doanh nghiệp (demo)")],
     [0.77, 0.70, 0.62, 0.47, 0.38]),
    # Every candidate is a Party member: misses the non-Party structure target.
    (2, [("Hà Thị Khánh", 1988, "female", "Tày", True, False, "Phó Bí thư Đoàn Thanh niên (demo)"),
         ("Mã Văn Lâm", 1972, "male", "Nùng", True, False, "Phó Chủ tịch UBND phường (demo)"),
         ("Chu Văn Long", 1980, "male", "Tày", True, False, "Chỉ huy trưởng Quân sự (demo)")],
     [0.74, 0.69, 0.49]),
    # Only two candidates pass half of valid ballots for three seats: a supplementary vote.
    (3, [("Đinh Thị Ngọc", 1990, "female", "Tày", False, False, "Hợp tác xã chè (demo)"),
         ("Hoàng Văn Phúc", 1968, "male", "Nùng", True, False, "Chánh án Tòa án (demo)"),
         ("Lăng Thị Quyên", 1985, "female", "Sán Chay", True, False, "Hiệu trưởng trường tiểu học (demo)"),
         ("Bế Văn Sơn", 1977, "male", "Tày", True, False, "Trưởng Công an phường (demo)"),
         ("Vương Thị Thu", 1995, "female", "Kinh", False, True, "Nhà báo (demo)")],
     [0.71, 0.58, 0.49, 0.46, 0.39]),
]
NATIONAL = (3, [("Lý Văn Tuấn", 1974, "male", "Nùng", True, False, "Phó Bí thư Tỉnh ủy (demo)"),
                ("Dương Thị Uyên", 1983, "female", "Tày", True, False, "Phó Chủ tịch Hội Phụ nữ (demo)"),
                ("Trần Văn Vinh", 1969, "male", "Kinh", True, False, "Đại biểu chuyên trách (demo)"),
                ("Hứa Thị Xuân", 1992, "female", "Nùng", False, False, "Nghiên cứu viên (demo)"),
                ("Lâm Văn Yên", 1981, "male", "Dao", True, False, "Bác sĩ bệnh viện tỉnh (demo)")],
            [0.79, 0.72, 0.66, 0.41, 0.30])
AREA_VOTERS = [2140, 1875, 2410]
TURNOUT_SHARES = {9: 0.31, 11: 0.58, 14: 0.79, 16: 0.91, 19: 0.985}
STRUCTURE = [("women", 30), ("ethnic_minority", 60), ("young", 10), ("non_party", 10)]


def _aware(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def current_units(province: OrgUnit) -> list[OrgUnit]:
    return list(services.commune_units(province, DAY)[:4])


def load(context=None):
    province = (context.units.get("lang-son") if context else None) or OrgUnit.objects.filter(
        kind=UnitKind.PROVINCE).order_by("pk").first()
    if province is None or Election.objects.filter(election_day=DAY, organizer=province).exists():
        return None
    units = current_units(province)
    if not units:
        return None
    actor = context.users.get("province-admin") if context else None
    election = services.create_election(
        actor=actor, organizer=province, name_vi=NAME_VI, name_en=NAME_EN, term="2026-2031", election_day=DAY,
        assigned_on=CREATED, is_demo=True,
        bodies=[(BodyKind.NATIONAL_ASSEMBLY, province, 3), (BodyKind.PROVINCIAL_COUNCIL, province, 10)]
        + [(BodyKind.COMMUNE_COUNCIL, u, 0) for u in units],
    )
    _milestone_progress(election)
    national, provincial = election.bodies.get(kind=BodyKind.NATIONAL_ASSEMBLY), election.bodies.get(
        kind=BodyKind.PROVINCIAL_COUNCIL)
    for attribute, percent in STRUCTURE:
        services.set_structure_target(actor=actor, body=provincial, attribute=attribute, min_percent=percent)
        services.set_structure_target(actor=actor, body=national, attribute=attribute, min_percent=percent)
    counted = []
    for i, (unit, (seats, people, shares)) in enumerate(zip(units, PROVINCIAL, strict=False), start=1):
        c = _constituency(actor, provincial, i, f"Đơn vị bầu cử số {i} ({unit.name_vi})", seats, [unit], people)
        counted.append((c, shares, True))
    seats, people, shares = NATIONAL
    na = _constituency(actor, national, 1, "Đơn vị bầu cử số 1 (Quốc hội)", seats, units, people, per_unit=1)
    counted.append((na, shares, False))
    for c, shares, complete in counted:
        _turnout_and_results(actor, c, shares, complete)
    # What the public sees: the province's targets, the lists, turnout and the complete results.
    for number in ("150-KH/TU", "01-NQ/ĐU"):
        doc = context.documents.get(number) if context else None
        if doc is not None and doc.targets.exists():
            portal.publish_targets(actor=actor, document=doc, published_at=_aware(datetime.date(2026, 2, 1), 9))
    portal.publish_election(actor=actor, election=election, kind=PublicationKind.CANDIDATES,
                            published_at=_aware(DAY - datetime.timedelta(days=20), 8))
    portal.publish_election(actor=actor, election=election, kind=PublicationKind.TURNOUT,
                            published_at=_aware(DAY, 9))
    for n, (c, _shares, complete) in enumerate(counted):
        if complete:
            portal.publish_results(actor=actor, constituency=c, published_at=_aware(DAY + datetime.timedelta(days=3 + n), 16))
    return election


def _constituency(actor, body, number, name, seats, units, people, per_unit=None):
    c = services.create_constituency(actor=actor, body=body, number=number, name=name, seats=seats, units=units)
    for order, (full_name, born, sex, ethnicity, party, self_nominated, occupation) in enumerate(people, start=1):
        services.add_candidate(actor=actor, constituency=c, full_name=full_name, birth_year=born, sex=sex,
                               ethnicity=ethnicity, is_ethnic_minority=ethnicity != "Kinh", occupation=occupation,
                               is_party_member=party, nomination="self" if self_nominated else "nominated",
                               list_order=order, is_demo=True)
    for unit in units:
        for k, voters in enumerate(AREA_VOTERS[:per_unit] if per_unit else AREA_VOTERS, start=1):
            services.add_voting_area(actor=actor, constituency=c, unit=unit, voters=voters + 37 * number,
                                     name=f"Khu vực bỏ phiếu số {k} – {unit.name_vi}" if per_unit
                                     else f"Khu vực bỏ phiếu số {k}")
    return c


def _turnout_and_results(actor, constituency, shares, complete):
    candidates = list(constituency.candidates.all())
    areas = list(constituency.areas.all())
    for a, area in enumerate(areas):
        last = len(areas) - 1
        for hour, share in TURNOUT_SHARES.items():
            if not complete and a == last and hour == 19:
                continue  # the National Assembly's last area has not reported its closing figure
            report = services.report_turnout(actor=actor, area=area, hour=hour, voted=int(area.voters * share),
                                             is_demo=True)
            if complete or a != 0 or hour < 19:
                report = services.approve_figure(report, actor=actor, expected_version=report.version)
            TurnoutReport.objects.filter(pk=report.pk).update(
                submitted_at=_aware(DAY, hour), decided_at=_aware(DAY, hour) if report.state != "submitted" else None)
        if not complete and a == last:
            continue
        received = int(area.voters * TURNOUT_SHARES[19])
        invalid = max(1, round(received * 0.012))
        valid = received - invalid
        votes = {k.pk: int(valid * s) for k, s in zip(candidates, shares, strict=True)}
        result = services.enter_result(actor=actor, area=area, ballots_issued=min(area.voters, received + 4),
                                       ballots_received=received, valid=valid, invalid=invalid, votes=votes,
                                       is_demo=True)
        if complete or a == 0:
            result = services.approve_figure(result, actor=actor, expected_version=result.version)
        AreaResult.objects.filter(pk=result.pk).update(
            submitted_at=_aware(DAY, 22), decided_at=_aware(DAY + datetime.timedelta(days=1), 10)
            if result.state == ValueState.APPROVED else None)


def _milestone_progress(election: Election) -> None:
    """Progress on the milestone tasks, so that viewed as of 10/03/2026 every state shows:
    most done on time, some late, some in progress or not started, some overdue."""
    today = timezone.localdate()
    for i, m in enumerate(election.milestones.order_by("due_on")):
        for j, task in enumerate(Task.objects.filter(batch=m.batch).order_by("lead_unit__path")):
            kind = (i + j) % 6
            due = task.deadline
            if kind in (0, 1, 2) and due - datetime.timedelta(days=2) <= today:
                report_progress(task, actor=None, expected_version=None, percent=100, mark_done=True,
                                result="Đã thực hiện theo kế hoạch (demo).",
                                done_on=max(task.assigned_on, due - datetime.timedelta(days=2)))
            elif kind == 3 and due + datetime.timedelta(days=4) <= today:
                report_progress(task, actor=None, expected_version=None, percent=100, mark_done=True,
                                result="Hoàn thành chậm so với mốc luật định (demo).",
                                done_on=due + datetime.timedelta(days=4))
            elif kind == 4:
                day = min(today, max(task.assigned_on, due - datetime.timedelta(days=5)))
                report_progress(task, actor=None, expected_version=None, percent=60, reported_on=day,
                                narrative="Đang triển khai (demo).")
            # kind 5: nothing reported (not started, then overdue)

