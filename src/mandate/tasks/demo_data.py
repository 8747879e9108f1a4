"""Demo tasks from seed 000: Plan 150-KH/TU of the Lang Son City Party Committee
(24 February 2023) and Plan 129/KH-UBND of the City People's Committee, both for the 90th
anniversary of the Provincial Party Committee's Traditional Day (15 June 2023).

The tasks follow the plans' themes (political activities in every Party cell, the best
Party secretary contests, the "friendly government" model, commune health criteria,
public investment disbursement, the night economy project, model villages); who finished
when, the percentages and the requests for more time are invented and the tasks are
marked demo. Everything is written through ``tasks.services``.

``load(context)`` is called by the demo loader (``mandate.demo``). Units, documents and
users are taken from the context when it offers them (``context.units[code]``,
``context.documents[number]``, ``context.user_for(unit)``), else found in the database by
name, else created under the city, so the module also runs on a bare tree.
"""

from __future__ import annotations

import datetime

from django.db.models import Q

from mandate.documents.models import DirectiveDocument
from mandate.documents.numbering import number_key
from mandate.documents.services import create_document
from mandate.orgs.models import OrgUnit, UnitKind
from mandate.orgs.services import create_unit

from . import services
from .models import DeadlineExtension, Priority, Task

ORDER = 20

D = datetime.date
CITY_CLOSES = D(2025, 7, 1)
WARDS = [("chi-lang", "Phường Chi Lăng", "Chi Lang ward"), ("dong-kinh", "Phường Đông Kinh", "Dong Kinh ward"),
         ("hoang-van-thu", "Phường Hoàng Văn Thụ", "Hoang Van Thu ward"),
         ("tam-thanh", "Phường Tam Thanh", "Tam Thanh ward"), ("vinh-trai", "Phường Vĩnh Trại", "Vinh Trai ward")]
COMMUNES = [("hoang-dong", "Xã Hoàng Đồng", "Hoang Dong commune"), ("mai-pha", "Xã Mai Pha", "Mai Pha commune"),
            ("quang-lac", "Xã Quảng Lạc", "Quang Lac commune")]


def _lookup(context, name: str, key):
    """``context.<name>[key]`` (attribute or dict entry), or None."""
    if context is None:
        return None
    table = context.get(name) if isinstance(context, dict) else getattr(context, name, None)
    try:
        return table.get(key) if table is not None else None
    except AttributeError:
        return None


def _city(context) -> OrgUnit:
    city = _lookup(context, "units", "lang-son-city") or (
        OrgUnit.objects.filter(kind=UnitKind.CITY, name_vi__icontains="Lạng Sơn").order_by("pk").first())
    if city is None:
        province = OrgUnit.objects.filter(kind=UnitKind.PROVINCE).order_by("pk").first() or create_unit(
            code="lang-son", name_vi="Tỉnh Lạng Sơn", name_en="Lang Son province", kind=UnitKind.PROVINCE)
        city = create_unit(code="lang-son-city", name_vi="Thành phố Lạng Sơn", name_en="Lang Son city",
                           kind=UnitKind.CITY, parent=province, valid_to=CITY_CLOSES)
    return city


def _unit(context, city, code, name_vi, name_en, kind, match) -> OrgUnit:
    unit = _lookup(context, "units", code) or (
        OrgUnit.objects.subtree_of(city).filter(Q(code=code) | Q(name_vi__icontains=match))
        .order_by("depth", "pk").first())
    if unit is None:
        unit = create_unit(code=code, name_vi=name_vi, name_en=name_en, kind=kind, parent=city,
                           valid_to=city.valid_to, is_illustrative=True)
    return unit


def _grassroots(context, city) -> list[OrgUnit]:
    """The 8 communes and wards of the city in 2023 (the "8/8" of seed 000)."""
    units = [_unit(context, city, code, vi, en, UnitKind.WARD, vi.removeprefix("Phường ")) for code, vi, en in WARDS]
    units += [_unit(context, city, code, vi, en, UnitKind.COMMUNE, vi.removeprefix("Xã ")) for code, vi, en in COMMUNES]
    return units


def _document(context, number, *, year, **fields) -> DirectiveDocument:
    doc = _lookup(context, "documents", number) or (
        DirectiveDocument.objects.filter(number_key=number_key(number), year=year).order_by("pk").first())
    return doc or create_document(number=number, year=year, **fields)


def _reporter(context, unit):
    finder = getattr(context, "user_for", None)
    return finder(unit) if callable(finder) else None


def _report(context, task, percent, on, narrative):
    task.refresh_from_db()
    services.report_progress(task, actor=_reporter(context, task.lead_unit), expected_version=task.version,
                             percent=percent, reported_on=on, narrative=narrative)


def _done(context, task, on, result):
    task.refresh_from_db()
    services.report_progress(task, actor=_reporter(context, task.lead_unit), expected_version=task.version,
                             percent=100, mark_done=True, done_on=on, result=result,
                             narrative="Báo cáo kết quả thực hiện.")


def _extension(task, *, asked_on, proposed, reason, grant, decided_on, comment=""):
    task.refresh_from_db()
    ext = services.request_extension(task, actor=None, expected_version=task.version, reason=reason,
                                     proposed_deadline=proposed)
    ext = services.decide_extension(ext, actor=None, expected_version=ext.version, grant=grant, comment=comment)
    # Back-date the request and decision to when they happened in the story.
    DeadlineExtension.objects.filter(pk=ext.pk).update(
        created_at=datetime.datetime.combine(asked_on, datetime.time(9), tzinfo=datetime.UTC),
        decided_at=datetime.datetime.combine(decided_on, datetime.time(15), tzinfo=datetime.UTC))


def load(context=None) -> list[Task]:
    city = _city(context)
    if Task.objects.filter(is_demo=True, source_document__number_key__in=[
            number_key("150-KH/TU"), number_key("129/KH-UBND")]).exists():
        return []  # already loaded
    party = _unit(context, city, "lang-son-city-party-committee", "Thành ủy Lạng Sơn",
                  "Lang Son City Party Committee", UnitKind.PARTY_COMMITTEE, "Thành ủy")
    propaganda = _unit(context, city, "lang-son-city-propaganda", "Ban Tuyên giáo Thành ủy Lạng Sơn",
                       "Propaganda and Education Commission of the City Party Committee", UnitKind.OTHER,
                       "Ban Tuyên giáo")
    finance = _unit(context, city, "lang-son-city-finance-planning", "Phòng Tài chính - Kế hoạch thành phố",
                    "City Division of Finance and Planning", UnitKind.DEPARTMENT, "Tài chính - Kế hoạch")
    culture = _unit(context, city, "lang-son-city-culture", "Phòng Văn hóa và Thông tin thành phố",
                    "City Division of Culture and Information", UnitKind.DEPARTMENT, "Văn hóa và Thông tin")
    economy = _unit(context, city, "lang-son-city-economy", "Phòng Kinh tế thành phố", "City Division of Economy",
                    UnitKind.DEPARTMENT, "Phòng Kinh tế")
    office = _unit(context, city, "lang-son-city-office", "Văn phòng HĐND và UBND thành phố",
                   "Office of the City People's Council and People's Committee", UnitKind.DEPARTMENT,
                   "Văn phòng HĐND")
    grassroots = _grassroots(context, city)
    wards = [u for u in grassroots if u.kind == UnitKind.WARD]
    by_code = {u.code: u for u in grassroots}
    plan150 = _document(context, "150-KH/TU", year=2023, kind="plan", issuing_unit=party,
                        issued_on=D(2023, 2, 24),
                        title="Kế hoạch tổ chức các hoạt động kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh "
                              "Lạng Sơn; chỉ đạo đẩy mạnh các phong trào thi đua gắn với nhiệm vụ trọng tâm")
    plan129 = _document(context, "129/KH-UBND", year=2023, kind="plan", issuing_unit=city,
                        title="Kế hoạch phát động đợt thi đua đặc biệt lập thành tích chào mừng kỷ niệm 90 năm "
                              "Ngày truyền thống Đảng bộ tỉnh Lạng Sơn (15/6/1933 – 15/6/2023)")
    tasks: list[Task] = []
    common150 = {"actor": None, "assigning_unit": party, "source_document": plan150, "is_demo": True,
                 "assigned_on": D(2023, 2, 27)}
    common129 = {"actor": None, "assigning_unit": city, "source_document": plan129, "is_demo": True,
                 "assigned_on": D(2023, 3, 1)}

    # 150-KH/TU: every commune and ward holds themed political activities in its Party cells.
    themed = services.assign_to_many(
        lead_units=grassroots, title="Tổ chức sinh hoạt chính trị chuyên đề “Chào mừng kỷ niệm 90 năm Ngày truyền "
                                     "thống Đảng bộ tỉnh” tại các chi bộ",
        description="Gắn sinh hoạt chuyên đề với tìm hiểu lịch sử cách mạng và hoạt động văn hóa, văn nghệ.",
        deadline=D(2023, 6, 15), expected_result="100% chi bộ tổ chức sinh hoạt chuyên đề",
        source_note="Mục II.1 của kế hoạch", priority=Priority.HIGH, **common150)
    for i, task in enumerate(themed):
        if i < 5:
            _done(context, task, D(2023, 6, 5) + datetime.timedelta(days=i), "Tất cả chi bộ đã sinh hoạt chuyên đề.")
        elif i == 5:
            _report(context, task, 80, D(2023, 6, 1), "Còn 3 chi bộ chưa tổ chức.")
            _done(context, task, D(2023, 6, 28), "Hoàn thành sau ngày kỷ niệm.")
        else:
            _report(context, task, 60, D(2023, 5, 25), "Đã tổ chức tại hơn một nửa số chi bộ.")
    tasks += themed

    contest = services.assign_to_many(
        lead_units=grassroots, title="Tổ chức Hội thi Bí thư chi bộ giỏi cấp cơ sở năm 2023",
        deadline=D(2023, 5, 31), expected_result="Hội thi được tổ chức; chọn thí sinh dự thi cấp thành phố",
        **common150)
    for i, task in enumerate(contest):
        _done(context, task, D(2023, 5, 6) + datetime.timedelta(days=i), "Đã tổ chức Hội thi.")
    tasks += contest

    city_contest = services.assign_task(
        lead_unit=propaganda, coordinating_units=[party], title="Tổ chức Hội thi Bí thư chi bộ giỏi cấp thành phố "
                                                             "năm 2023",
        deadline=D(2023, 6, 30), expected_result="Hội thi cấp thành phố được tổ chức", **common150)
    _report(context, city_contest, 50, D(2023, 6, 10), "Đã ban hành kế hoạch, đang tổ chức vòng sơ khảo.")
    _done(context, city_contest, D(2023, 7, 12), "Hội thi tổ chức xong ngày 12/7/2023.")
    tasks.append(city_contest)

    members = services.assign_task(
        lead_unit=party, title="Kết nạp từ 230 đảng viên mới trở lên trong năm 2023", deadline=D(2023, 12, 31),
        expected_result="≥ 230 đảng viên mới", **{**common150, "assigning_unit": party})
    _report(context, members, 55, D(2023, 7, 1), "Đã kết nạp 127 đảng viên.")
    _done(context, members, D(2023, 12, 22), "Kết nạp 236 đảng viên mới.")
    tasks.append(members)

    # 129/KH-UBND: the City People's Committee's tasks.
    friendly = services.assign_to_many(
        lead_units=wards, title="Xây dựng mô hình “Chính quyền thân thiện” ở cơ sở",
        deadline=D(2023, 9, 30), expected_result="Mô hình được triển khai tại bộ phận một cửa", **common129)
    for i, task in enumerate(friendly):
        if i % 2 == 0:
            _done(context, task, D(2023, 9, 20), "Mô hình đã đi vào hoạt động.")
        else:
            _report(context, task, 40 + 10 * i, D(2023, 8, 15), "Đang hoàn thiện quy chế tiếp công dân.")
    tasks += friendly

    health = services.assign_to_many(
        lead_units=grassroots, title="Đạt Bộ tiêu chí quốc gia về y tế xã giai đoạn đến 2030",
        deadline=D(2023, 12, 31), expected_result="8/8 xã, phường đạt chuẩn", **common129)
    for i, task in enumerate(health):
        if i < 6:
            _done(context, task, D(2023, 11, 10) + datetime.timedelta(days=5 * i), "Được công nhận đạt chuẩn.")
        elif i == 6:
            _done(context, task, D(2024, 1, 18), "Được công nhận đạt chuẩn (chậm so với kế hoạch).")
        else:
            _report(context, task, 85, D(2023, 12, 5), "Còn thiếu tiêu chí về cơ sở vật chất trạm y tế.")
    tasks += health

    disbursement = services.assign_task(
        lead_unit=finance, coordinating_units=[economy], title="Đẩy nhanh giải ngân vốn đầu tư công năm 2023",
        deadline=D(2023, 12, 31), expected_result="Giải ngân 100% kế hoạch vốn được giao", priority=Priority.URGENT,
        **common129)
    _report(context, disbursement, 62, D(2023, 9, 30), "Giải ngân đạt 62% kế hoạch vốn.")
    _extension(disbursement, asked_on=D(2023, 12, 10), proposed=D(2024, 1, 31), grant=True,
               decided_on=D(2023, 12, 15), reason="Vốn được giao thêm trong tháng 11; thời hạn giải ngân theo luật "
                                                  "kéo dài đến 31/01 năm sau.", comment="Đồng ý.")
    _done(context, disbursement, D(2024, 1, 26), "Giải ngân 98,6% kế hoạch vốn.")
    tasks.append(disbursement)

    night = services.assign_task(
        lead_unit=culture, coordinating_units=[economy, by_code.get("chi-lang", wards[0])],
        title="Triển khai Đề án phát triển kinh tế ban đêm, lồng ghép hoạt động du lịch với thương mại",
        deadline=D(2023, 10, 31), expected_result="Phố đi bộ và chợ đêm hoạt động thường xuyên", **common129)
    _report(context, night, 35, D(2023, 7, 15), "Đã khảo sát tuyến phố, đang lập phương án.")
    _report(context, night, 60, D(2023, 10, 20), "Chợ đêm thử nghiệm 2 tuần.")
    tasks.append(night)

    model_villages = services.assign_task(
        lead_unit=economy, coordinating_units=[by_code.get("mai-pha", grassroots[-1]),
                                               by_code.get("quang-lac", grassroots[-1])],
        title="Xây dựng 2 thôn kiểu mẫu và 6 khu dân cư kiểu mẫu", deadline=D(2023, 12, 31),
        expected_result="2 thôn, 6 khu dân cư được công nhận kiểu mẫu", **common129)
    _report(context, model_villages, 70, D(2023, 11, 30), "1 thôn, 5 khu dân cư đã đạt.")
    _done(context, model_villages, D(2024, 2, 20), "2 thôn, 6 khu dân cư được công nhận.")
    tasks.append(model_villages)

    online = services.assign_task(
        lead_unit=office, title="Đẩy mạnh cải cách hành chính: tiếp nhận và trả kết quả hồ sơ trực tuyến",
        deadline=D(2023, 11, 30), expected_result="Tỷ lệ hồ sơ trực tuyến toàn trình tăng so với năm 2022",
        **common129)
    _report(context, online, 75, D(2023, 11, 15), "Đã nâng cấp phần mềm một cửa.")
    _extension(online, asked_on=D(2023, 11, 20), proposed=D(2024, 3, 31), grant=False, decided_on=D(2023, 11, 24),
               reason="Chờ kết nối với Cổng dịch vụ công của tỉnh.",
               comment="Không gia hạn: đây là nhiệm vụ trọng tâm năm 2023, đề nghị tập trung hoàn thành.")
    tasks.append(online)

    hoang_dong = by_code.get("hoang-dong")
    if hoang_dong is not None:
        roads = services.assign_task(
            lead_unit=hoang_dong, title="Đạt các tiêu chí xã nông thôn mới kiểu mẫu ở lĩnh vực nổi trội",
            description="Nhân dân hiến đất mở rộng đường trục thôn; xây nhà văn hóa, sân thể thao, rãnh thoát nước.",
            deadline=D(2023, 6, 15), expected_result="Hồ sơ đề nghị công nhận xã nông thôn mới kiểu mẫu",
            **common129)
        _report(context, roads, 90, D(2023, 6, 1), "Đường trục thôn sắp hoàn thành.")
        tasks.append(roads)
    return tasks
