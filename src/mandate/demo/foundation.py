"""The foundation of the Lang Son demo: the org tree before and after 1 July 2025, the
directive documents and their relations, the targets of seeds 000 and 003 with reported
values, and the four demo accounts. Everything is written through the services.

Real (from the seeds and public record): unit names, document numbers, dates and the
target figures. Invented (``is_demo=True`` on reported values, "demo" in document
summaries, ``is_illustrative=True`` on units and successions): every reported value, the
grassroots Party organizations, the villages' fate, the old-to-new ward mapping and the
1st Congress resolution number of the Party Committee of provincial Party agencies.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone

from mandate.accounts.access import has_role_on
from mandate.accounts.models import Membership, Role
from mandate.documents.models import DirectiveDocument, RelationKind
from mandate.documents.services import create_document, relate_documents
from mandate.orgs.models import OrgUnit, UnitKind
from mandate.orgs.services import create_unit, record_merger
from mandate.targets import services as targets
from mandate.targets.models import Aggregation, ChangeKind, Comparator, ReportedValue, Target

D = datetime.date
CITY_CLOSES = D(2025, 7, 1)  # Resolution 1672/NQ-UBTVQH15: the district level ends
AGENCIES_FORMED = D(2025, 2, 10)
DEMO_PASSWORD = "mandate-demo"

# (username, role, unit code in 2023) — printed by ``mandate load_demo`` and listed in the README.
# On 1 July 2025 the reorganization moves two of them (see ``move_accounts_2025``):
# hoangdong-reporter follows Hoang Dong into Ky Lua ward; city-approver moves to the
# province, which took over the city's work when the district level ended.
ACCOUNTS = [
    ("province-admin", Role.ADMINISTRATOR, "lang-son"),
    ("city-approver", Role.APPROVER, "lang-son-city"),
    ("hoangdong-reporter", Role.REPORTER, "hoang-dong"),
    ("province-viewer", Role.VIEWER, "lang-son"),
]

# The city's 8 communes and wards of 2023 (codes shared with tasks/movements demo data).
OLD_WARDS = [("chi-lang", "Phường Chi Lăng", "Chi Lang ward"), ("dong-kinh", "Phường Đông Kinh", "Dong Kinh ward"),
             ("hoang-van-thu", "Phường Hoàng Văn Thụ", "Hoang Van Thu ward"),
             ("tam-thanh", "Phường Tam Thanh", "Tam Thanh ward"), ("vinh-trai", "Phường Vĩnh Trại", "Vinh Trai ward")]
OLD_COMMUNES = [("hoang-dong", "Xã Hoàng Đồng", "Hoang Dong commune"), ("mai-pha", "Xã Mai Pha", "Mai Pha commune"),
                ("quang-lac", "Xã Quảng Lạc", "Quang Lac commune")]
VILLAGES = [("hoang-dong-tang-kham", "Thôn Tằng Khắm", "Tang Kham village"),
            ("hoang-dong-na-sen", "Thôn Nà Sèn", "Na Sen village"),
            ("hoang-dong-ban-vien", "Thôn Bản Viển", "Ban Vien village"),
            ("hoang-dong-chi-mac", "Thôn Chi Mạc", "Chi Mac village"),
            ("hoang-dong-hoang-thanh", "Thôn Hoàng Thanh", "Hoang Thanh village")]
# New wards from 1 July 2025 and the old units merged into each (illustrative mapping).
NEW_WARDS = [("tam-thanh-2025", "Phường Tam Thanh", "Tam Thanh ward (2025)", ["chi-lang", "tam-thanh"]),
             ("luong-van-tri", "Phường Lương Văn Tri", "Luong Van Tri ward", ["hoang-van-thu", "vinh-trai"]),
             ("dong-kinh-2025", "Phường Đông Kinh", "Dong Kinh ward (2025)", ["dong-kinh", "quang-lac"]),
             ("ky-lua", "Phường Kỳ Lừa", "Ky Lua ward", ["hoang-dong", "mai-pha"])]
GRASSROOTS_ORGS = [("agencies-po-office", "Chi bộ Văn phòng Tỉnh ủy", "Party cell of the Provincial Party Office"),
                   ("agencies-po-organization", "Chi bộ Ban Tổ chức Tỉnh ủy",
                    "Party cell of the Organization Commission"),
                   ("agencies-po-inspection", "Chi bộ Ủy ban Kiểm tra Tỉnh ủy",
                    "Party cell of the Inspection Commission"),
                   ("agencies-po-newspaper", "Đảng bộ Báo và Phát thanh, Truyền hình Lạng Sơn",
                    "Party organization of Lang Son Newspaper, Radio and Television")]


@dataclass
class DemoContext:
    """What the apps' ``demo_data.load(context)`` functions look things up in."""

    units: dict[str, OrgUnit] = field(default_factory=dict)
    documents: dict[str, DirectiveDocument] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)
    # The day the demo is loaded: the stories are dated, but loaders may compare with it
    # (e.g. to leave a deadline still open or already passed).
    today: datetime.date = field(default_factory=timezone.localdate)

    def user_for(self, unit: OrgUnit):
        """The closest demo account that may report for ``unit`` (None if none may)."""
        for username in ("hoangdong-reporter", "city-approver", "province-admin"):
            user = self.users.get(username)
            if user is not None and has_role_on(user, unit, Role.REPORTER):
                return user
        return None

    def approver_for(self, unit: OrgUnit):
        for username in ("city-approver", "province-admin"):
            user = self.users.get(username)
            if user is not None and has_role_on(user, unit, Role.APPROVER):
                return user
        return None


def _unit(ctx: DemoContext, code, name_vi, name_en, kind, parent=None, **extra) -> OrgUnit:
    unit = create_unit(code=code, name_vi=name_vi, name_en=name_en, kind=kind, parent=parent,
                       sort_order=len(ctx.units), **extra)
    ctx.units[code] = unit
    return unit


def build_tree(ctx: DemoContext) -> None:
    u = lambda *a, **k: _unit(ctx, *a, **k)  # noqa: E731
    province = u("lang-son", "Tỉnh Lạng Sơn", "Lang Son province", UnitKind.PROVINCE)
    party = u("lang-son-party-committee", "Tỉnh ủy Lạng Sơn", "Lang Son Provincial Party Committee",
              UnitKind.PARTY_COMMITTEE, province)
    u("lang-son-executive-committee", "Ban Chấp hành Đảng bộ tỉnh", "Executive Committee of the Provincial Party "
      "Committee", UnitKind.EXECUTIVE_COMMITTEE, party)
    u("lang-son-standing-committee", "Ban Thường vụ Tỉnh ủy", "Standing Committee of the Provincial Party Committee",
      UnitKind.STANDING_COMMITTEE, party)
    agencies = u("lang-son-party-agencies", "Đảng ủy các cơ quan Đảng tỉnh",
                 "Party Committee of provincial Party agencies", UnitKind.PARTY_COMMITTEE, party,
                 valid_from=AGENCIES_FORMED)
    for code, vi, en in GRASSROOTS_ORGS:
        u(code, vi, en, UnitKind.PARTY_ORGANIZATION, agencies, valid_from=AGENCIES_FORMED, is_illustrative=True)
    peoples = u("lang-son-peoples-committee", "Ủy ban nhân dân tỉnh Lạng Sơn", "Lang Son Provincial People's "
                "Committee", UnitKind.PEOPLES_COMMITTEE, province)
    u("lang-son-peoples-council", "Hội đồng nhân dân tỉnh Lạng Sơn", "Lang Son Provincial People's Council",
      UnitKind.PEOPLES_COUNCIL, province)
    u("lang-son-dept-finance", "Sở Tài chính", "Department of Finance", UnitKind.DEPARTMENT, peoples)
    u("lang-son-dept-home-affairs", "Sở Nội vụ", "Department of Home Affairs", UnitKind.DEPARTMENT, peoples)
    u("lang-son-dept-health", "Sở Y tế", "Department of Health", UnitKind.DEPARTMENT, peoples)

    # Lang Son city until the district level ended on 1 July 2025; its units close with it.
    closes = {"valid_to": CITY_CLOSES}
    city = u("lang-son-city", "Thành phố Lạng Sơn", "Lang Son city", UnitKind.CITY, province, **closes)
    city_party = u("lang-son-city-party-committee", "Thành ủy Lạng Sơn", "Lang Son City Party Committee",
                   UnitKind.PARTY_COMMITTEE, city, **closes)
    u("lang-son-city-propaganda", "Ban Tuyên giáo Thành ủy Lạng Sơn",
      "Propaganda and Education Commission of the City Party Committee", UnitKind.OTHER, city_party, **closes)
    city_pc = u("lang-son-city-peoples-committee", "Ủy ban nhân dân thành phố Lạng Sơn",
                "Lang Son City People's Committee", UnitKind.PEOPLES_COMMITTEE, city, **closes)
    for code, vi, en, kind in [
        ("lang-son-city-pmb", "Ban Quản lý dự án đầu tư xây dựng thành phố Lạng Sơn",
         "Lang Son City Management Board of Construction Investment Projects", UnitKind.BOARD),
        ("lang-son-city-land-fund", "Trung tâm Phát triển quỹ đất thành phố Lạng Sơn",
         "Lang Son City Land Fund Development Center", UnitKind.CENTRE),
        ("lang-son-city-natural-resources", "Phòng Tài nguyên và Môi trường thành phố",
         "City Division of Natural Resources and Environment", UnitKind.DEPARTMENT),
        ("lang-son-city-finance-planning", "Phòng Tài chính - Kế hoạch thành phố",
         "City Division of Finance and Planning", UnitKind.DEPARTMENT),
        ("lang-son-city-culture", "Phòng Văn hóa và Thông tin thành phố", "City Division of Culture and Information",
         UnitKind.DEPARTMENT),
        ("lang-son-city-economy", "Phòng Kinh tế thành phố", "City Division of Economy", UnitKind.DEPARTMENT),
        ("lang-son-city-office", "Văn phòng HĐND và UBND thành phố",
         "Office of the City People's Council and People's Committee", UnitKind.DEPARTMENT),
    ]:
        u(code, vi, en, kind, city_pc, **closes)
    u("lang-son-city-youth-union", "Thành đoàn Lạng Sơn (Đoàn TNCS Hồ Chí Minh thành phố)",
      "Lang Son City Youth Union", UnitKind.MASS_ORGANIZATION, city, **closes)
    for code, vi, en in OLD_WARDS:
        u(code, vi, en, UnitKind.WARD, city, **closes)
    for code, vi, en in OLD_COMMUNES:
        u(code, vi, en, UnitKind.COMMUNE, city, **closes)
    # The villages close with their commune (their new residential groups are not known);
    # a unit with open children cannot be merged, so they close first.
    for code, vi, en in VILLAGES:
        u(code, vi, en, UnitKind.VILLAGE, ctx.units["hoang-dong"], is_illustrative=True, **closes)


def reorganize_2025(ctx: DemoContext) -> None:
    """1 July 2025: four wards under the province take over the city's 8 communes and wards."""
    province = ctx.units["lang-son"]
    for code, vi, en, olds in NEW_WARDS:
        ward = _unit(ctx, code, vi, en, UnitKind.WARD, province, valid_from=CITY_CLOSES)
        record_merger(predecessors=[ctx.units[o] for o in olds], successor=ward, effective_on=CITY_CLOSES,
                      legal_basis="Nghị quyết 1672/NQ-UBTVQH15 ngày 16/6/2025", is_illustrative=True)
    for code in list(ctx.units):
        ctx.units[code].refresh_from_db()


DOCUMENTS = [
    # (number, kind, issuer unit code or None, issued on, year, title, summary)
    ("62-NQ/TU", "resolution", "lang-son-standing-committee", D(2013, 5, 29), None,
     "Nghị quyết về tiếp tục xây dựng và phát triển thành phố Lạng Sơn đến năm 2020", ""),
    ("05-CT/TW", "directive", None, D(2016, 5, 15), None,
     "Chỉ thị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", ""),
    ("18-NQ/TW", "resolution", None, D(2017, 10, 25), None,
     "Nghị quyết một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, "
     "hoạt động hiệu lực, hiệu quả", ""),
    ("19-NQ/TW", "resolution", None, D(2017, 10, 25), None,
     "Nghị quyết về tiếp tục đổi mới hệ thống tổ chức và quản lý, nâng cao chất lượng và hiệu quả hoạt động của "
     "các đơn vị sự nghiệp công lập", ""),
    ("37-NQ/TW", "resolution", None, D(2018, 12, 24), None,
     "Nghị quyết về việc sắp xếp các đơn vị hành chính cấp huyện và cấp xã", ""),
    ("40-NQ/TU", "resolution", "lang-son-standing-committee", D(2021, 8, 5), None,
     "Nghị quyết về xây dựng, phát triển thành phố Lạng Sơn giai đoạn 2021 – 2030, định hướng đến năm 2050", ""),
    ("21-KL/TW", "conclusion", None, D(2021, 10, 25), None,
     "Kết luận về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị", ""),
    ("37-QĐ/TW", "regulation", None, D(2021, 10, 25), None, "Quy định về những điều đảng viên không được làm", ""),
    ("81-NQ/TU", "resolution", "lang-son-executive-committee", D(2022, 7, 6), None,
     "Nghị quyết về điều chỉnh địa giới hành chính để mở rộng thành phố Lạng Sơn", ""),
    ("48-KL/TW", "conclusion", None, D(2023, 1, 30), None,
     "Kết luận về tiếp tục thực hiện sắp xếp đơn vị hành chính cấp huyện, cấp xã giai đoạn 2023 – 2030", ""),
    ("150-KH/TU", "plan", "lang-son-city-party-committee", D(2023, 2, 24), None,
     "Kế hoạch tổ chức các hoạt động kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh Lạng Sơn; chỉ đạo đẩy mạnh "
     "các phong trào thi đua gắn với nhiệm vụ trọng tâm", ""),
    ("129/KH-UBND", "plan", "lang-son-city-peoples-committee", None, 2023,
     "Kế hoạch phát động đợt thi đua đặc biệt lập thành tích chào mừng kỷ niệm 90 năm Ngày truyền thống Đảng bộ "
     "tỉnh Lạng Sơn (15/6/1933 – 15/6/2023)", ""),
    ("35/2023/UBTVQH15", "resolution", None, D(2023, 7, 12), None,
     "Nghị quyết về việc sắp xếp đơn vị hành chính cấp huyện, cấp xã giai đoạn 2023 – 2030", ""),
    ("1246/NQ-UBTVQH15", "resolution", None, None, 2024,
     "Nghị quyết về việc sắp xếp đơn vị hành chính cấp xã của tỉnh Lạng Sơn giai đoạn 2023 – 2025",
     "Có hiệu lực từ ngày 01/12/2024."),
    ("1672/NQ-UBTVQH15", "resolution", None, D(2025, 6, 16), None,
     "Nghị quyết về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Lạng Sơn năm 2025",
     "Có hiệu lực từ ngày 01/7/2025: tỉnh có 65 đơn vị hành chính cấp xã (61 xã, 4 phường)."),
    ("1250/KH-UBND", "plan", "lang-son-peoples-committee", D(2026, 1, 15), None,
     "Kế hoạch cải cách hành chính tỉnh Lạng Sơn năm 2026",
     "Dữ liệu minh họa: số, ngày và chỉ tiêu của kế hoạch là giả định, để các tài khoản mẫu có việc "
     "báo cáo sau sắp xếp đơn vị hành chính."),
    ("01-NQ/ĐU", "resolution", "lang-son-party-agencies", D(2025, 6, 20), None,
     "Nghị quyết Đại hội đại biểu Đảng bộ các cơ quan Đảng tỉnh lần thứ I, nhiệm kỳ 2025 – 2030",
     "Dữ liệu minh họa (demo): số và ngày của nghị quyết là giả định; các chỉ tiêu lấy theo báo cáo Đại hội."),
]

RELATIONS = [
    ("40-NQ/TU", "62-NQ/TU", RelationKind.REPLACES),
    ("81-NQ/TU", "40-NQ/TU", RelationKind.IMPLEMENTS),
    ("150-KH/TU", "40-NQ/TU", RelationKind.IMPLEMENTS),
    ("129/KH-UBND", "40-NQ/TU", RelationKind.IMPLEMENTS),
    ("129/KH-UBND", "150-KH/TU", RelationKind.CONCRETIZES),
    ("35/2023/UBTVQH15", "48-KL/TW", RelationKind.IMPLEMENTS),
    ("48-KL/TW", "37-NQ/TW", RelationKind.IMPLEMENTS),
    ("1246/NQ-UBTVQH15", "35/2023/UBTVQH15", RelationKind.IMPLEMENTS),
    ("1672/NQ-UBTVQH15", "18-NQ/TW", RelationKind.IMPLEMENTS),
    ("01-NQ/ĐU", "21-KL/TW", RelationKind.IMPLEMENTS),
]


def build_documents(ctx: DemoContext) -> None:
    for number, kind, issuer, issued_on, year, title, summary in DOCUMENTS:
        ctx.documents[number] = create_document(
            number=number, kind=kind, issuing_unit=ctx.units.get(issuer) if issuer else None, issued_on=issued_on,
            year=year, title=title, summary=summary)
    for source, target, kind in RELATIONS:
        relate_documents(source=ctx.documents[source], target=ctx.documents[target], kind=kind)


def build_accounts(ctx: DemoContext) -> None:
    User = get_user_model()
    for username, role, code in ACCOUNTS:
        user = User(username=username, email=f"{username}@demo.mandate.invalid")
        # set_password skips the validators on purpose: the published demo password is
        # forbidden for real users and works only while the demo marker row exists.
        user.set_password(DEMO_PASSWORD)
        user.save()
        Membership.objects.create(user=user, org_unit=ctx.units[code], role=role)
        ctx.users[username] = user


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


def report(ctx: DemoContext, target: Target, unit_code: str, period: str, value, *, outcome: str = "approved",
           decided_on: datetime.date | None = None, comment: str = "") -> ReportedValue:
    """Enter, submit and decide one value as the demo users would, then move the
    timestamps to when it happened in the story (the services stamp "now", and the
    dashboard's as-of view reads ``decided_at``, so a 2023 value must be approved in 2023)."""
    unit = ctx.units[unit_code]
    rv = targets.enter_value(actor=ctx.user_for(unit), target=target, org_unit=unit, period=period, value=value,
                             submit=True, is_demo=True)
    decided_on = decided_on or rv.period_end + datetime.timedelta(days=12)
    submitted_on = min(decided_on - datetime.timedelta(days=3), rv.period_end + datetime.timedelta(days=8))
    if outcome == "approved":
        rv = targets.approve_value(rv, actor=ctx.approver_for(unit), expected_version=rv.version, comment=comment)
    elif outcome == "returned":
        rv = targets.return_value(rv, actor=ctx.approver_for(unit), expected_version=rv.version,
                                  comment=comment or "Đề nghị bổ sung số liệu chi tiết theo từng khu dân cư.")
    if outcome == "submitted":
        ReportedValue.objects.filter(pk=rv.pk).update(submitted_at=_at(submitted_on))
        return rv
    return targets.record_decision_time(rv, decided_at=_at(decided_on, 15), submitted_at=_at(submitted_on))


GRASSROOTS_2023 = [c for c, _vi, _en in OLD_WARDS + OLD_COMMUNES]


def _target(ctx, document, unit_code, indicator, uom, value, period, **kw) -> Target:
    return targets.create_target(actor=ctx.users["province-admin"], document=ctx.documents[document],
                                 org_unit=ctx.units[unit_code], indicator=indicator, unit_of_measure=uom,
                                 value=value, period=period, **kw)


def city_targets_2023(ctx: DemoContext) -> None:
    """Seed 000: Lang Son city's 2023 targets in Plan 150-KH/TU, with invented values."""
    t = lambda *a, **k: _target(ctx, "150-KH/TU", "lang-son-city", *a, period="2023", **k)  # noqa: E731
    growth = t("Tốc độ tăng trưởng kinh tế", "%", 11, comparator=Comparator.BETWEEN, value_max=12,
               aggregation=Aggregation.OWN, source_text="tốc độ tăng trưởng kinh tế đạt 11-12%", sort_order=1)
    for period, value in [("2023-H1", "10.4"), ("2023", "11.3")]:
        report(ctx, growth, "lang-son-city", period, value, decided_on=D(2024, 1, 10) if period == "2023" else None)

    # Cumulative from January: the year's figure is the latest period and is what counts.
    tourists = t("Lượt khách du lịch", "lượt khách", 2_900_000, aggregation=Aggregation.SUM, sort_order=2,
                 source_text="thu hút khoảng 2,9 triệu lượt khách du lịch")
    for period, value in [("2023-Q1", 690_000), ("2023-Q2", 1_420_000), ("2023-Q3", 2_150_000),
                          ("2023", 2_960_000)]:
        report(ctx, tourists, "lang-son-city", period, value)

    revenue = t("Thu ngân sách nhà nước trên địa bàn (thu nội địa)", "VND", 400_000_000_000,
                aggregation=Aggregation.SUM, sort_order=3, source_text="thu nội địa đạt 400 tỷ đồng")
    for period, value in [("2023-H1", 176_000_000_000), ("2023", 382_500_000_000)]:
        report(ctx, revenue, "lang-son-city", period, value)

    villages = t("Thôn đạt chuẩn thôn kiểu mẫu", "thôn", 2, comparator=Comparator.AT_LEAST, sort_order=4,
                 source_text="xây dựng 2 thôn kiểu mẫu")
    for code in ("hoang-dong", "mai-pha"):  # invented share: one model village each
        targets.set_allocation(actor=ctx.users["city-approver"], target=villages, org_unit=ctx.units[code], value=1)
    report(ctx, villages, "hoang-dong", "2023", 1, decided_on=D(2023, 12, 28))
    report(ctx, villages, "mai-pha", "2023", 1, decided_on=D(2024, 1, 8))

    # Every value of the residential areas is still waiting or sent back: no data for 2023.
    areas = t("Khu dân cư đạt chuẩn khu dân cư kiểu mẫu", "khu dân cư", 6, comparator=Comparator.AT_LEAST,
              sort_order=5, source_text="6 khu dân cư kiểu mẫu")
    report(ctx, areas, "chi-lang", "2023", 2, outcome="returned", decided_on=D(2024, 1, 9),
           comment="Chưa có quyết định công nhận kèm theo; đề nghị gửi lại.")
    report(ctx, areas, "vinh-trai", "2023", 2, outcome="submitted")
    report(ctx, areas, "dong-kinh", "2023", 1, outcome="submitted")

    health = t("Xã, phường đạt Bộ tiêu chí quốc gia về y tế xã", "xã, phường", 8, comparator=Comparator.AT_LEAST,
               aggregation=Aggregation.COVERAGE, coverage_threshold=1, sort_order=6,
               source_text="8/8 xã, phường đạt Bộ tiêu chí quốc gia về y tế xã")
    for i, code in enumerate(GRASSROOTS_2023):
        report(ctx, health, code, "2023", 0 if code == "quang-lac" else 1, decided_on=D(2023, 12, 20) + datetime.
               timedelta(days=i))

    poor = t("Tỷ lệ hộ nghèo", "%", "0.2", comparator=Comparator.DECREASE_BY, baseline="2.1",
             change_kind=ChangeKind.ABSOLUTE, aggregation=Aggregation.OWN, sort_order=7,
             source_text="tỷ lệ hộ nghèo giảm 0,2%")
    report(ctx, poor, "lang-son-city", "2023", "1.87", decided_on=D(2024, 1, 15))

    members = t("Kết nạp đảng viên mới", "đảng viên", 230, comparator=Comparator.AT_LEAST, sort_order=8,
                source_text="kết nạp từ 230 đảng viên mới trở lên")
    shares = dict(zip(GRASSROOTS_2023, [34, 30, 36, 28, 32, 26, 22, 22], strict=True))
    year_end = dict(zip(GRASSROOTS_2023, [35, 31, 38, 27, 34, 27, 21, 23], strict=True))
    for code, share in shares.items():
        targets.set_allocation(actor=ctx.users["city-approver"], target=members, org_unit=ctx.units[code],
                               value=share)
        report(ctx, members, code, "2023-H1", share // 2)
        report(ctx, members, code, "2023", year_end[code], decided_on=D(2024, 1, 12))

    orgs = t("Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên", "%", 90, comparator=Comparator.AT_LEAST,
             aggregation=Aggregation.AVERAGE, sort_order=9,
             source_text="trên 90% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên")
    excellent = t("Trong đó: hoàn thành xuất sắc nhiệm vụ", "%", 20, comparator=Comparator.AT_LEAST,
                  aggregation=Aggregation.AVERAGE, parent=orgs, sort_order=10,
                  source_text="trong đó 20% hoàn thành xuất sắc nhiệm vụ")
    for i, code in enumerate(GRASSROOTS_2023):
        report(ctx, orgs, code, "2023", [93, 95, 90, 92, 94, 91, 89, 96][i], decided_on=D(2024, 1, 20))
        report(ctx, excellent, code, "2023", [18, 20, 16, 19, 20, 15, 17, 19][i], decided_on=D(2024, 1, 20))

    # A 2025 target still open for reporting: Hoang Dong existed until 30 June 2025, so
    # hoangdong-reporter can enter 2025-Q1 or 2025-Q2 and city-approver can approve it.
    online = _target(ctx, "129/KH-UBND", "lang-son-city", "Hồ sơ thủ tục hành chính được tiếp nhận và giải quyết "
                     "trực tuyến toàn trình", "%", 80, period="2025-H1", comparator=Comparator.AT_LEAST,
                     aggregation=Aggregation.AVERAGE, sort_order=11)
    report(ctx, online, "chi-lang", "2025-Q1", 74, outcome="submitted")


def agencies_targets(ctx: DemoContext) -> None:
    """Seed 003: the 2025-2030 targets of the Party Committee of provincial Party agencies."""
    t = lambda *a, **k: _target(ctx, "01-NQ/ĐU", "lang-son-party-agencies", *a, period="2025-2030", **k)  # noqa: E731
    # The three rating targets get their values from the 2025 rating campaign of the
    # party app (mandate.party.demo_data), entered and approved when it closes.
    t("Đảng viên được đánh giá, xếp loại hoàn thành tốt nhiệm vụ trở lên (hằng năm)", "%", 95,
      comparator=Comparator.AT_LEAST, aggregation=Aggregation.AVERAGE, sort_order=1)
    t("Tổ chức đảng được đánh giá, xếp loại hoàn thành tốt nhiệm vụ trở lên (hằng năm)", "%", 100,
      comparator=Comparator.AT_LEAST, aggregation=Aggregation.AVERAGE, sort_order=2)
    t("Chi bộ đạt tiêu chuẩn “Chi bộ 4 tốt”, đảng bộ đạt “Đảng bộ 4 tốt” (hằng năm)", "%", 100,
      comparator=Comparator.AT_LEAST, aggregation=Aggregation.AVERAGE, sort_order=3)
    digital = t("Cơ quan, đơn vị thực hiện chuyển đổi số (đến năm 2030)", "%", 100, baseline=50,
                comparator=Comparator.AT_LEAST, aggregation=Aggregation.OWN, sort_order=4)
    report(ctx, digital, "lang-son-party-agencies", "2025", 64, decided_on=D(2026, 1, 15))
    report(ctx, digital, "lang-son-party-agencies", "2026-H1", 78, decided_on=D(2026, 7, 10))
    paperless = t("Hồ sơ công việc được xử lý hoàn toàn trên môi trường mạng (đến năm 2030)", "%", 100, baseline=40,
                  comparator=Comparator.AT_LEAST, aggregation=Aggregation.OWN, sort_order=5)
    report(ctx, paperless, "lang-son-party-agencies", "2025", 46, decided_on=D(2026, 1, 15))
    report(ctx, paperless, "lang-son-party-agencies", "2026-H1", 51, decided_on=D(2026, 7, 10))


def move_accounts_2025(ctx: DemoContext) -> None:
    """The merger carried hoangdong-reporter to Ky Lua ward (``record_merger``). The city
    closed without a successor unit: its approver moves to the province, recorded as a move
    an administrator made (undoable in the admin)."""
    from mandate.accounts.services import transfer_membership

    transfer_membership(actor=ctx.users["province-admin"], user=ctx.users["city-approver"],
                        to_unit=ctx.units["lang-son"], effective_on=CITY_CLOSES,
                        reason="Cấp huyện kết thúc hoạt động từ 01/7/2025; tỉnh tiếp nhận việc phê duyệt số liệu "
                               "của các phường, xã mới.")
    for user in ctx.users.values():
        user.__dict__.pop("_mandate_membership", None)


def province_targets_2026(ctx: DemoContext) -> None:
    """A 2026 target of the province that the new wards report on: three have reported for
    the third quarter, Ky Lua ward has not yet — hoangdong-reporter's first job today."""
    online = _target(ctx, "1250/KH-UBND", "lang-son", "Hồ sơ thủ tục hành chính được tiếp nhận và giải quyết "
                     "trực tuyến toàn trình", "%", 80, period="2026", comparator=Comparator.AT_LEAST,
                     aggregation=Aggregation.AVERAGE, sort_order=1)
    for code in ("tam-thanh-2025", "luong-van-tri", "dong-kinh-2025", "ky-lua"):
        targets.set_allocation(actor=ctx.users["province-admin"], target=online, org_unit=ctx.units[code], value=80)
    for code, value in (("tam-thanh-2025", "78.5"), ("luong-van-tri", 81), ("dong-kinh-2025", "76.2")):
        report(ctx, online, code, "2026-Q3", value, decided_on=D(2026, 10, 12))


def load(context: DemoContext | None = None) -> DemoContext:
    ctx = context or DemoContext()
    build_tree(ctx)
    build_accounts(ctx)
    build_documents(ctx)
    city_targets_2023(ctx)
    agencies_targets(ctx)
    # Values first, reorganization after: the 2023 values were entered by units that
    # existed then, and count under the new wards through the merger.
    reorganize_2025(ctx)
    move_accounts_2025(ctx)
    province_targets_2026(ctx)
    return ctx
