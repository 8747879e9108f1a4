"""Demo data of Party building (seeds 002 and 003), scaled down and marked ``is_demo``.

Real: the Party Committee of provincial Party agencies formed on 10 February 2025 with 21
grassroots organizations and nearly 600 members, now 12 organizations and over 800 members;
its targets (95% of members and 100% of organizations well or better, 100% 4-good);
Regulation 124-QĐ/TW; seed 002's shape of the inspection figures (+235% organizations and
+27.16% members inspected on signs of violation; provincial level +262.5% and about +416%)
and of the cases (22 cases, 113 defendants; 11 cases and 3 incidents monitored directly).

Invented: every name (generated, marked demo), the organizations' names and composition,
the merger dates and decision numbers, every grade, every inspection record. Inspections
are about a tenth of seed 002's (297 organizations and 623 members this term). Admissions
are seed 002's pattern at this committee's scale: about 24 a year against a target of 22
(9% above). The 17 older organizations are recorded without their earlier parent (the
tree has no history of parents); before 2025 the demo rates them under the Provincial
Party Committee.
"""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from simple_history.utils import bulk_create_with_history

from mandate.accounts.models import Membership, Role
from mandate.demo.foundation import AGENCIES_FORMED, DEMO_PASSWORD, GRASSROOTS_ORGS
from mandate.orgs.models import OrgUnit, UnitKind
from mandate.orgs.services import create_unit, record_merger
from mandate.targets import services as targets
from mandate.targets.models import Comparator, ReportedValue, Target, ValueState

from . import services
from .models import (
    BodyLevel,
    CaseKind,
    DisciplineForm,
    EventKind,
    Inspection,
    InspectionBody,
    InspectionKind,
    MemberRating,
    OrgRating,
    PartyMember,
    PartyTerm,
    SubjectType,
)
from .services import MemberRow

ORDER = 60
D = datetime.date
MERGED_ON = D(2025, 8, 1)
TERMS = [("2015-2020", D(2015, 10, 1), D(2020, 9, 30)), ("2020-2025", D(2020, 10, 1), D(2025, 9, 30))]
# Seed 002 was reported on 25 August 2023: the same stretch of the previous term ends 25 August 2018.
SEED_002_DAY = D(2023, 8, 25)

OLD_ORGS = [
    ("ag-po-propaganda", "Chi bộ Ban Tuyên giáo Tỉnh ủy", "Party cell of the Propaganda Commission", 28),
    ("ag-po-mass", "Chi bộ Ban Dân vận Tỉnh ủy", "Party cell of the Mass Mobilization Commission", 18),
    ("ag-po-internal", "Chi bộ Ban Nội chính Tỉnh ủy", "Party cell of the Internal Affairs Commission", 16),
    ("ag-po-school", "Đảng bộ Trường Chính trị Hoàng Văn Thụ", "Party organization of Hoang Van Thu Political "
     "School", 44),
    ("ag-po-front", "Chi bộ Cơ quan Ủy ban MTTQ tỉnh", "Party cell of the Provincial Fatherland Front", 26),
    ("ag-po-council", "Chi bộ Văn phòng Đoàn ĐBQH và HĐND tỉnh", "Party cell of the Office of the NA Delegation "
     "and People's Council", 32),
    ("ag-po-procuracy", "Đảng bộ Viện Kiểm sát nhân dân tỉnh", "Party organization of the Provincial People's "
     "Procuracy", 46),
    ("ag-po-court", "Đảng bộ Tòa án nhân dân tỉnh", "Party organization of the Provincial People's Court", 42),
    ("ag-po-youth", "Chi bộ Tỉnh đoàn", "Party cell of the Provincial Youth Union", 20),
    ("ag-po-women", "Chi bộ Hội Liên hiệp Phụ nữ tỉnh", "Party cell of the Provincial Women's Union", 16),
    ("ag-po-farmers", "Chi bộ Hội Nông dân tỉnh", "Party cell of the Provincial Farmers' Union", 14),
    ("ag-po-veterans", "Chi bộ Hội Cựu chiến binh tỉnh", "Party cell of the Provincial Veterans' Association", 12),
    ("ag-po-labour", "Chi bộ Liên đoàn Lao động tỉnh", "Party cell of the Provincial Labour Federation", 20),
    ("ag-po-archive", "Chi bộ Kho Lưu trữ Tỉnh ủy", "Party cell of the Provincial Party Archive", 8),
    ("ag-po-guesthouse", "Chi bộ Nhà khách Tỉnh ủy", "Party cell of the Provincial Party Guest House", 10),
    ("ag-po-magazine", "Chi bộ Tạp chí Xứ Lạng", "Party cell of Xu Lang Magazine", 12),
    ("ag-po-it", "Chi bộ Trung tâm Tin học Tỉnh ủy", "Party cell of the Provincial Party IT Centre", 10),
]
# Merged on 1 August 2025 (illustrative): predecessor code → successor code.
MERGERS = {"ag-po-youth": "ag-po-front", "ag-po-women": "ag-po-front", "ag-po-farmers": "ag-po-front",
           "ag-po-veterans": "ag-po-front", "ag-po-labour": "ag-po-front", "ag-po-archive": "agencies-po-office",
           "ag-po-guesthouse": "agencies-po-office", "ag-po-magazine": "ag-po-propaganda",
           "ag-po-it": "agencies-po-office"}
# The four organizations of the foundation: members taken in on 10 February 2025.
NEW_ORG_SIZES = {"agencies-po-office": 40, "agencies-po-organization": 36, "agencies-po-inspection": 13,
                 "agencies-po-newspaper": 44}
# 1 July 2025: members taken in from the dissolved district-level committees (illustrative).
TAKEN_IN_JULY = {"ag-po-school": 40, "ag-po-procuracy": 40, "ag-po-court": 30, "agencies-po-newspaper": 40,
                 "ag-po-front": 30, "agencies-po-organization": 15, "ag-po-council": 17}
ADMISSIONS = {2021: 23, 2022: 24, 2023: 24, 2024: 25, 2025: 24}
ADMISSION_TARGET = 22

FAMILY = ["Hoàng", "Nông", "Lương", "Vi", "Hà", "Lộc", "Triệu", "Hứa", "Đinh", "Lăng", "Nguyễn", "Trần", "Lê",
          "Phạm", "Vũ", "Chu", "Mông", "Dương", "La", "Tô"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Xuân"]
MIDDLE_F = ["Thị", "Thu", "Hồng", "Thanh", "Ngọc", "Phương", "Kim"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Hùng", "Khánh", "Long", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Tuấn",
           "Việt", "Hải", "Trung"]
GIVEN_F = ["Dung", "Giang", "Hạnh", "Hoa", "Lan", "Linh", "Mai", "Ngọc", "Phương", "Thảo", "Trang", "Yến", "Huyền",
           "Nhung", "Vân", "Hằng"]
ETHNICITIES = ["Tày"] * 9 + ["Nùng"] * 8 + ["Kinh"] * 6 + ["Dao", "Sán Chay", "Hoa"]


class Maker:
    """Invented members, deterministic."""

    def __init__(self):
        self.rnd = random.Random(124)
        self.seq = 0

    def row(self, *, admitted_from: int, admitted_to: int, joined_on=None, admitted_on=None) -> MemberRow:
        rnd = self.rnd
        self.seq += 1
        female = rnd.random() < 0.45
        name = " ".join([rnd.choice(FAMILY), rnd.choice(MIDDLE_F if female else MIDDLE_M),
                         rnd.choice(GIVEN_F if female else GIVEN_M)])
        if admitted_on is None:
            year = rnd.randint(admitted_from, admitted_to)
            admitted_on = D(year, rnd.randint(1, 12), rnd.randint(1, 28))
        born = admitted_on.year - rnd.randint(22, 34)
        official = admitted_on + datetime.timedelta(days=365)
        if official > D(2026, 1, 31):
            official = None
        return MemberRow(code=f"DV-{self.seq:05d}", full_name=name, birth_year=born,
                         sex="female" if female else "male", ethnicity=rnd.choice(ETHNICITIES),
                         admitted_on=admitted_on, official_on=official,
                         decision_number=f"{self.rnd.randint(10, 299)}-QĐ/ĐU" if admitted_on.year >= 2021 else "",
                         joined_on=joined_on, joined_decision="Hồ sơ chuyển đến (demo)" if joined_on else "")


def _units(ctx) -> dict[str, OrgUnit]:
    agencies = ctx.units["lang-son-party-agencies"]
    units = {code: ctx.units[code] for code, _vi, _en in GRASSROOTS_ORGS}
    for i, (code, vi, en, _size) in enumerate(OLD_ORGS):
        kind = UnitKind.PARTY_ORGANIZATION if vi.startswith("Đảng bộ") else UnitKind.PARTY_CELL
        units[code] = create_unit(code=code, name_vi=vi, name_en=en, kind=kind, parent=agencies,
                                  is_illustrative=True, sort_order=100 + i)
        ctx.units[code] = units[code]
    inspection = create_unit(code="agencies-inspection-committee", name_vi="Ủy ban Kiểm tra Đảng ủy các cơ quan "
                             "Đảng tỉnh", name_en="Inspection Committee of the Party Committee of provincial Party "
                             "agencies", kind=UnitKind.OTHER, parent=agencies, valid_from=AGENCIES_FORMED)
    InspectionBody.objects.create(org_unit=inspection, scope=agencies, level=BodyLevel.DISTRICT)
    provincial = create_unit(code="lang-son-inspection-committee", name_vi="Ủy ban Kiểm tra Tỉnh ủy",
                             name_en="Inspection Committee of the Provincial Party Committee", kind=UnitKind.OTHER,
                             parent=ctx.units["lang-son-party-committee"])
    InspectionBody.objects.create(org_unit=provincial, scope=ctx.units["lang-son-party-committee"],
                                  level=BodyLevel.PROVINCIAL)
    ctx.units[inspection.code], ctx.units[provincial.code] = inspection, provincial
    return units


def _accounts(ctx) -> None:
    User = get_user_model()
    for username, role, code in [("agencies-committee", Role.APPROVER, "lang-son-party-agencies"),
                                 ("agencies-inspection", Role.VIEWER, "agencies-inspection-committee"),
                                 ("inspection-cell-reporter", Role.REPORTER, "agencies-po-inspection")]:
        user = User(username=username, email=f"{username}@demo.mandate.invalid")
        known = ctx.users.get("province-viewer")
        if known is not None:
            user.password = known.password  # the same demo password (foundation): hashed once, not per account
        else:
            user.set_password(DEMO_PASSWORD)
        user.save()
        Membership.objects.create(user=user, org_unit=ctx.units[code], role=role)
        ctx.users[username] = user


def _members(ctx, units, maker: Maker) -> None:
    for code, _vi, _en, size in OLD_ORGS:
        services.add_members(actor=None, org_unit=units[code], is_demo=True,
                             rows=[maker.row(admitted_from=1988, admitted_to=2020) for _ in range(size)])
    # Admissions 2021-2025 into the older organizations (the newer ones from 2025 too).
    rnd = maker.rnd
    for year, count in ADMISSIONS.items():
        pool = [c for c, *_rest in OLD_ORGS if c not in MERGERS or year < 2025]
        if year == 2025:
            pool += list(NEW_ORG_SIZES)
        by_unit: dict[str, list] = {}
        for _ in range(count):
            day = D(year, rnd.randint(3, 11), rnd.randint(1, 28))
            if year == 2025 and day < D(2025, 8, 2):
                day = D(2025, rnd.randint(9, 11), rnd.randint(1, 28))
            by_unit.setdefault(rnd.choice(pool), []).append(maker.row(admitted_from=year, admitted_to=year,
                                                                      admitted_on=day))
        for code, rows in by_unit.items():
            services.add_members(actor=None, org_unit=units[code], rows=rows, is_demo=True)
    for code, size in NEW_ORG_SIZES.items():
        services.add_members(actor=None, org_unit=units[code], is_demo=True, rows=[
            maker.row(admitted_from=1990, admitted_to=2023, joined_on=AGENCIES_FORMED) for _ in range(size)])
    for code, size in TAKEN_IN_JULY.items():
        services.add_members(actor=None, org_unit=units[code], is_demo=True, rows=[
            maker.row(admitted_from=1992, admitted_to=2024, joined_on=D(2025, 7, 1)) for _ in range(size)])
    # A few exits each year: transferred out, deceased.
    stock = list(PartyMember.objects.filter(org_unit__code__in=[c for c, *_r in OLD_ORGS], admitted_on__year__lt=2021,
                                            events__kind=EventKind.ADMITTED).order_by("pk"))
    rnd.shuffle(stock)
    for i, member in enumerate(stock[:24]):
        year = 2021 + i % 5
        kind = EventKind.DECEASED if i % 4 == 0 else EventKind.TRANSFERRED_OUT
        services.record_exit(member, actor=None, kind=kind, on=D(year, 1 + i % 6, 10 + i % 15),
                             decision_number=f"{200 + i}-QĐ/ĐU")


def _mergers(units) -> None:
    for old, new in MERGERS.items():
        services.transfer_all(actor=None, from_unit=units[old], to_unit=units[new], on=MERGED_ON,
                              decision_number="312-QĐ/ĐU (demo)")
        record_merger(predecessors=[units[old]], successor=units[new], effective_on=MERGED_ON,
                      legal_basis="Quyết định 312-QĐ/ĐU ngày 25/7/2025 (minh họa)", is_illustrative=True)


def _admission_targets(ctx) -> None:
    for year in (2025, 2026):
        targets.create_target(actor=None, document=ctx.documents["01-NQ/ĐU"], org_unit=ctx.units[
            "lang-son-party-agencies"], indicator="Kết nạp đảng viên mới", unit_of_measure="đảng viên",
            value=ADMISSION_TARGET, period=str(year), comparator=Comparator.AT_LEAST, sort_order=20 + year - 2025)


def _grades(rnd, size: int, *, weak: bool = False) -> list[str]:
    """Grades of a group: about 4% below "well" (about 10% in the weak group), "excellent"
    up to the quota of Regulation 124 (20% of those rated well or better, rounded down)."""
    low = max(1, round(size * 0.1)) if weak else (1 if size >= 20 and rnd.random() < 0.7 else 0)
    good = size - low
    excellent = good * 20 // 100
    grades = ["excellent"] * excellent + ["well"] * (good - excellent)
    grades += ["completed"] * low
    if weak and low > 1:
        grades[-1] = "not_completed"
    return grades


def _rate(ctx, campaign, rnd, *, weak: str | None, refused_in: str | None) -> None:
    approver = ctx.users["province-admin"]
    groups = MemberRating.objects.filter(campaign=campaign).values_list("org_unit", flat=True).distinct()
    for unit in OrgUnit.objects.filter(pk__in=groups).order_by("path"):
        ids = list(MemberRating.objects.filter(campaign=campaign, org_unit=unit).order_by("pk")
                   .values_list("pk", flat=True))
        grades = _grades(rnd, len(ids), weak=unit.code == weak)
        rnd.shuffle(grades)
        chosen = dict(zip(ids, grades, strict=True))
        services.self_assess_group(campaign, actor=None, org_unit=unit,
                                   grades={pk: ("excellent" if g == "well" and rnd.random() < 0.3 else g)
                                           for pk, g in chosen.items()})
        if unit.code == refused_in:
            # The cell first proposes one "excellent" too many: refused with the figures.
            greedy = dict(chosen)
            extra = next(pk for pk, g in greedy.items() if g == "well")
            greedy[extra] = "excellent"
            try:
                services.propose_group(campaign, actor=None, org_unit=unit, grades=greedy)
            except ValidationError:
                pass
        services.propose_group(campaign, actor=None, org_unit=unit, grades=chosen)
        services.decide_group(campaign, actor=approver, org_unit=unit, grades=chosen)
    orgs = list(OrgRating.objects.filter(campaign=campaign).select_related("org_unit").order_by("org_unit__path"))
    good = [o for o in orgs if o.org_unit.code != weak]
    allowed = len(good) * 20 // 100
    decisions = {}
    for i, rating in enumerate(orgs):
        if rating.org_unit.code == weak:
            decisions[rating.pk] = ("completed", False)
        else:
            decisions[rating.pk] = ("excellent" if i < allowed else "well", True)
    services.rate_organizations(campaign, actor=approver, decisions=decisions)


def _ratings(ctx, rnd) -> None:
    approver = ctx.users["province-admin"]
    c2024 = services.open_campaign(actor=approver, org_unit=ctx.units["lang-son-party-committee"], year=2024,
                                   is_demo=True)
    _rate(ctx, c2024, rnd, weak=None, refused_in=None)
    services.close_campaign(c2024, actor=approver)
    agencies = ctx.units["lang-son-party-agencies"]
    seed_targets = {t.sort_order: t for t in Target.objects.filter(org_unit=agencies, document=ctx.documents[
        "01-NQ/ĐU"], sort_order__in=[1, 2, 3])}
    c2025 = services.open_campaign(actor=approver, org_unit=agencies, year=2025, member_target=seed_targets.get(1),
                                   org_target=seed_targets.get(2), four_good_target=seed_targets.get(3),
                                   is_demo=True)
    _rate(ctx, c2025, rnd, weak="ag-po-court", refused_in="agencies-po-inspection")
    services.close_campaign(c2025, actor=approver)
    # The story closes the 2025 rating on 20 January 2026: date the values as the loader does.
    stamp = datetime.datetime(2026, 1, 20, 15, tzinfo=datetime.UTC)
    # Through the targets' service, so the maintained rollups follow the new time.
    for value in ReportedValue.objects.filter(target__in=seed_targets.values(), period_label="2025",
                                              state__in=[ValueState.APPROVED, ValueState.RETURNED]):
        targets.record_decision_time(value, decided_at=stamp, submitted_at=stamp - datetime.timedelta(hours=2))


# Inspections per (term, kind, subject, level) — this term is dated before 25/8/2023 and the
# previous one before 25/8/2018, so the comparison is seed 002's at any date after them.
INSPECTIONS = {
    "2020-2025": {
        (InspectionKind.SIGNS_OF_VIOLATION, SubjectType.ORGANIZATION): (29, 38),
        (InspectionKind.SIGNS_OF_VIOLATION, SubjectType.MEMBER): (31, 72),
        (InspectionKind.REGULAR_INSPECTION, SubjectType.ORGANIZATION): (12, 28),
        (InspectionKind.REGULAR_INSPECTION, SubjectType.MEMBER): (10, 50),
        (InspectionKind.THEMATIC_SUPERVISION, SubjectType.ORGANIZATION): (30, 60),
        (InspectionKind.THEMATIC_SUPERVISION, SubjectType.MEMBER): (40, 110),
        (InspectionKind.REGULAR_SUPERVISION, SubjectType.ORGANIZATION): (40, 60),
        (InspectionKind.REGULAR_SUPERVISION, SubjectType.MEMBER): (60, 250),
    },
    "2015-2020": {
        (InspectionKind.SIGNS_OF_VIOLATION, SubjectType.ORGANIZATION): (8, 12),
        (InspectionKind.SIGNS_OF_VIOLATION, SubjectType.MEMBER): (6, 75),
        (InspectionKind.REGULAR_INSPECTION, SubjectType.ORGANIZATION): (14, 30),
        (InspectionKind.REGULAR_INSPECTION, SubjectType.MEMBER): (12, 55),
        (InspectionKind.THEMATIC_SUPERVISION, SubjectType.ORGANIZATION): (25, 50),
        (InspectionKind.THEMATIC_SUPERVISION, SubjectType.MEMBER): (35, 90),
        (InspectionKind.REGULAR_SUPERVISION, SubjectType.ORGANIZATION): (35, 55),
        (InspectionKind.REGULAR_SUPERVISION, SubjectType.MEMBER): (50, 200),
    },
}
FINDINGS = ["Thực hiện nghiêm quy chế làm việc; cần chấn chỉnh việc ghi biên bản sinh hoạt chi bộ (demo).",
            "Có biểu hiện vi phạm trong quản lý tài chính, tài sản; đã yêu cầu kiểm điểm, khắc phục (demo).",
            "Chấp hành tốt các quy định về những điều đảng viên không được làm (demo).",
            "Việc kê khai tài sản, thu nhập chưa đầy đủ; đã yêu cầu bổ sung (demo)."]


def _inspections(ctx, units, rnd) -> None:
    provincial = ctx.units["lang-son-inspection-committee"]
    agencies_body = ctx.units["agencies-inspection-committee"]
    terms = {name: (start, end) for name, start, end in TERMS}
    orgs = list(units.values())
    members = list(PartyMember.objects.filter(admitted_on__year__lt=2014, events__kind=EventKind.ADMITTED)
                   .select_related("org_unit").order_by("pk")[:400])
    records = []
    for term, lines in INSPECTIONS.items():
        start = terms[term][0]
        last = start + (SEED_002_DAY - D(2020, 10, 1)) - datetime.timedelta(days=1)
        span = (last - start).days
        for (kind, subject), counts in lines.items():
            for level, count in zip((BodyLevel.PROVINCIAL, BodyLevel.DISTRICT), counts, strict=True):
                body = provincial if level == BodyLevel.PROVINCIAL else agencies_body
                for _ in range(count):
                    day = start + datetime.timedelta(days=rnd.randint(0, span))
                    if subject == SubjectType.MEMBER:
                        member = rnd.choice(members)
                        org, who = member.org_unit, member
                    else:
                        org, who = rnd.choice(orgs), None
                    records.append(Inspection(body=body, level=level, kind=kind, subject_type=subject,
                                              subject_org=None if who else org, subject_member=who, org_unit=org,
                                              started_on=day, ended_on=day + datetime.timedelta(days=20),
                                              findings=rnd.choice(FINDINGS), is_demo=True))
    bulk_create_with_history(records, Inspection, batch_size=500)
    # Disciplines that followed some of them (through the service: an expulsion ends the membership).
    signs = list(Inspection.objects.filter(kind=InspectionKind.SIGNS_OF_VIOLATION, subject_type=SubjectType.MEMBER,
                                           started_on__gte=D(2020, 10, 1)).select_related("subject_member")
                 .order_by("pk")[:14])
    forms = [DisciplineForm.REPRIMAND] * 7 + [DisciplineForm.WARNING] * 4 + [DisciplineForm.DISMISSAL] * 2 + [
        DisciplineForm.EXPULSION]
    expelled: set[int] = set()
    for i, (inspection, form) in enumerate(zip(signs, forms, strict=False)):
        member = inspection.subject_member
        decided_on = inspection.ended_on + datetime.timedelta(days=15)
        if form == DisciplineForm.EXPULSION and (
                member.pk in expelled or member.status not in ("official", "probationary")
                or not member.stints.filter(end__isnull=True, start__lt=decided_on).exists()):
            form = DisciplineForm.WARNING
        if form == DisciplineForm.EXPULSION:
            expelled.add(member.pk)
        services.record_discipline(actor=None, body=inspection.body, level=inspection.level, form=form,
                                   subject_member=member, inspection=inspection,
                                   decided_on=inspection.ended_on + datetime.timedelta(days=15),
                                   decision_number=f"{30 + i}-QĐ/UBKT", reason=inspection.findings, is_demo=True)
    old = list(Inspection.objects.filter(kind=InspectionKind.SIGNS_OF_VIOLATION, subject_type=SubjectType.MEMBER,
                                         started_on__lt=D(2020, 10, 1)).select_related("subject_member")
               .order_by("pk")[:9])
    for i, inspection in enumerate(old):
        services.record_discipline(actor=None, body=inspection.body, level=inspection.level,
                                   form=DisciplineForm.REPRIMAND if i % 3 else DisciplineForm.WARNING,
                                   subject_member=inspection.subject_member, inspection=inspection,
                                   decided_on=inspection.ended_on + datetime.timedelta(days=15),
                                   decision_number=f"{10 + i}-QĐ/UBKT", is_demo=True)


CASE_TOPICS = ["Vi phạm quy định về đất đai", "Tham ô tài sản", "Lợi dụng chức vụ, quyền hạn trong khi thi hành "
               "công vụ", "Buôn lậu qua biên giới", "Vi phạm quy định về đấu thầu", "Nhận hối lộ",
               "Thiếu trách nhiệm gây hậu quả nghiêm trọng"]


def _cases(ctx, rnd, maker: Maker) -> None:
    province_party = ctx.units["lang-son-party-committee"]
    defendants_left = 113
    for i in range(22):
        count = defendants_left - (21 - i) * 5 if i == 21 else rnd.randint(3, 6)
        defendants_left -= count
        people = [(maker.row(admitted_from=1990, admitted_to=2000).full_name, "Bị can (demo)") for _ in range(count)]
        services.record_case(actor=None, org_unit=province_party, title=f"Vụ án {rnd.choice(CASE_TOPICS).lower()} "
                             f"số {i + 1:02d} (demo)", kind=CaseKind.CASE, level=BodyLevel.PROVINCIAL,
                             opened_on=D(2021, 1, 15) + datetime.timedelta(days=i * 33), steering_monitored=i < 11,
                             defendants=people, is_demo=True)
    for i in range(3):
        services.record_case(actor=None, org_unit=province_party, title=f"Vụ việc {rnd.choice(CASE_TOPICS).lower()} "
                             f"số {i + 1:02d} (demo)", kind=CaseKind.INCIDENT, level=BodyLevel.PROVINCIAL,
                             opened_on=D(2022, 3, 1) + datetime.timedelta(days=i * 60), steering_monitored=True,
                             is_demo=True)
    for i in range(15):  # the previous term, for the comparison
        services.record_case(actor=None, org_unit=province_party, title=f"Vụ án nhiệm kỳ trước số {i + 1:02d} "
                             "(demo)", kind=CaseKind.CASE, level=BodyLevel.PROVINCIAL,
                             opened_on=D(2016, 1, 10) + datetime.timedelta(days=i * 50), is_demo=True,
                             defendants=[("Bị can (demo)", "")] * 3)


def load(ctx) -> None:
    rnd = random.Random(2025)
    maker = Maker()
    for name, start, end in TERMS:
        PartyTerm.objects.create(name=name, start=start, end=end)
    units = _units(ctx)
    _accounts(ctx)
    _members(ctx, units, maker)
    _mergers(units)
    _admission_targets(ctx)
    _ratings(ctx, rnd)
    _inspections(ctx, units, rnd)
    _cases(ctx, rnd, maker)
