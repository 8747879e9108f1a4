"""Demo data from seed 000: the special emulation movement of Plan 129/KH-UBND of Lang Son
city for the 90th anniversary of the Provincial Party Committee's Traditional Day
(15 June 2023), the units' registered tasks (approved, so they are tasks) and two invented
commendations (marked demo).

Called by the demo loader (``mandate.demo``) with its ``context``; the units and the plan are
looked up in the database (created if the loader has not made them), so this module only
relies on the loader having run the org tree first (lower ORDER).
"""

from __future__ import annotations

import datetime

from django.db.models import Q

from mandate.accounts.models import ROLE_RANK, Membership, Role
from mandate.documents.models import DirectiveDocument
from mandate.documents.numbering import number_key
from mandate.documents.services import create_document
from mandate.orgs.models import OrgUnit, UnitKind
from mandate.orgs.services import create_unit

from . import services
from .models import Movement

ORDER = 30

OCCASION = datetime.date(2023, 6, 15)
REGISTRATION_DEADLINE = datetime.date(2023, 3, 15)
APPROVED_ON = datetime.date(2023, 3, 20)


def find_city() -> OrgUnit:
    city = (OrgUnit.objects.filter(kind=UnitKind.CITY, name_vi__icontains="Lạng Sơn").order_by("pk").first()
            or OrgUnit.objects.filter(kind=UnitKind.CITY).order_by("pk").first())
    if city is None:
        province = OrgUnit.objects.filter(kind=UnitKind.PROVINCE).order_by("pk").first() or create_unit(
            code="lang-son", name_vi="Tỉnh Lạng Sơn", name_en="Lang Son province", kind=UnitKind.PROVINCE)
        city = create_unit(code="lang-son-city", name_vi="Thành phố Lạng Sơn", name_en="Lang Son city",
                           kind=UnitKind.CITY, parent=province, valid_to=datetime.date(2025, 7, 1))
    return city


def find_unit(city: OrgUnit, *, code: str, name_vi: str, name_en: str, kind: str, match: str) -> OrgUnit:
    """The unit under the city whose Vietnamese name contains ``match``, else a new one."""
    unit = OrgUnit.objects.subtree_of(city).filter(Q(code=code) | Q(name_vi__icontains=match)).order_by("depth").first()
    if unit is None:
        unit = create_unit(code=code, name_vi=name_vi, name_en=name_en, kind=kind, parent=city,
                           valid_to=city.valid_to)
    return unit


def city_units(city: OrgUnit) -> dict[str, OrgUnit]:
    return {
        "board": find_unit(city, code="lang-son-city-pmb", kind=UnitKind.BOARD, match="Ban Quản lý dự án",
                           name_vi="Ban Quản lý dự án đầu tư xây dựng thành phố Lạng Sơn",
                           name_en="Lang Son City Management Board of Construction Investment Projects"),
        "land_fund": find_unit(city, code="lang-son-city-land-fund", kind=UnitKind.CENTRE, match="Phát triển quỹ đất",
                               name_vi="Trung tâm Phát triển quỹ đất thành phố Lạng Sơn",
                               name_en="Lang Son City Land Fund Development Center"),
        "hoang_dong": find_unit(city, code="hoang-dong", kind=UnitKind.COMMUNE, match="Hoàng Đồng",
                                name_vi="Xã Hoàng Đồng", name_en="Hoang Dong commune"),
        "youth_union": find_unit(city, code="lang-son-city-youth-union", kind=UnitKind.MASS_ORGANIZATION,
                                 match="Đoàn Thanh niên",
                                 name_vi="Thành đoàn Lạng Sơn (Đoàn TNCS Hồ Chí Minh thành phố)",
                                 name_en="Lang Son City Youth Union"),
    }


def plan_129(city: OrgUnit) -> DirectiveDocument:
    existing = DirectiveDocument.objects.filter(number_key=number_key("129/KH-UBND"), year=2023).first()
    return existing or create_document(
        number="129/KH-UBND", kind="plan", issuing_unit=city, year=2023,
        title="Kế hoạch phát động đợt thi đua đặc biệt lập thành tích chào mừng kỷ niệm 90 năm "
              "Ngày truyền thống Đảng bộ tỉnh Lạng Sơn (15/6/1933 – 15/6/2023)")


def reporter_for(context, unit: OrgUnit):
    """A user who may report for ``unit`` (the loader's demo users), or None."""
    finder = getattr(context, "user_for", None)
    if callable(finder):
        user = finder(unit)
        if user is not None:
            return user
    ancestors = [unit.path[:i] for i in range(9, len(unit.path) + 1, 9)]
    for m in Membership.objects.filter(org_unit__path__in=ancestors).select_related("user", "org_unit").order_by(
            "-org_unit__depth"):
        if ROLE_RANK[m.role] >= ROLE_RANK[Role.REPORTER]:
            return m.user
    return None


# (unit key, title, description, deadline, expected result, done on or None, percent if not done)
TASKS = [
    ("board", "Hoàn thành xây dựng công viên phía Nam cầu 17/10",
     "Đẩy nhanh tiến độ thi công để hoàn thành công trình đúng dịp kỷ niệm.", datetime.date(2023, 6, 14),
     "Công trình hoàn thành, gắn biển chào mừng kỷ niệm 90 năm", datetime.date(2023, 6, 10), None),
    ("board", "Cải tạo, nâng cấp hệ thống chiếu sáng công cộng bằng đèn LED thông minh tiết kiệm năng lượng",
     "Thay thế đèn chiếu sáng trên các tuyến phố chính.", datetime.date(2023, 6, 14),
     "Hệ thống đèn LED vận hành, gắn biển công trình chào mừng", datetime.date(2023, 6, 12), None),
    ("land_fund", "Hoàn thành giải phóng mặt bằng dự án cải tạo, mở rộng đường Bà Triệu "
                  "(đoạn Lý Thái Tổ – Nguyễn Đình Chiểu)",
     "Khối lượng giải phóng mặt bằng đã đạt trên 90%.", datetime.date(2023, 6, 15),
     "Bàn giao 100% mặt bằng cho chủ đầu tư", None, 92),
    ("land_fund", "Hoàn thành giải phóng mặt bằng Khu đô thị mới Bến Bắc",
     "Khối lượng giải phóng mặt bằng đã đạt trên 90%.", datetime.date(2023, 6, 15),
     "Bàn giao 100% mặt bằng cho chủ đầu tư", None, 91),
    ("hoang_dong", "Mở rộng đường trục chính các thôn Tằng Khắm, Nà Sèn, Bản Viển, Chi Mạc",
     "Nhân dân hiến đất để mở rộng đường; xây dựng xã nông thôn mới kiểu mẫu.", datetime.date(2023, 6, 14),
     "Các tuyến đường trục thôn được mở rộng, hoàn thành trước 15/6/2023", datetime.date(2023, 6, 8), None),
    ("hoang_dong", "Xây dựng nhà văn hóa, sân thể thao thôn Hoàng Thanh và sân thể thao các thôn Nà Pàn, "
                   "Hoàng Tân, Hoàng Tâm", "", datetime.date(2023, 6, 14),
     "Nhà văn hóa và sân thể thao đưa vào sử dụng", datetime.date(2023, 6, 20), None),
    ("hoang_dong", "Xây dựng hệ thống rãnh thoát nước thôn Dọc Chè, Hoàng Tâm", "", datetime.date(2023, 6, 14),
     "Hệ thống thoát nước hoàn thành", None, 70),
    ("youth_union", "Tổ chức 6 lớp dạy bơi miễn phí cho trẻ em từ 6 đến 15 tuổi",
     "Hoạt động hè cho thiếu nhi từ đầu tháng 6/2023.", datetime.date(2023, 6, 30),
     "6 lớp học bơi miễn phí được tổ chức", datetime.date(2023, 6, 28), None),
]


def load(context=None) -> Movement:
    city = find_city()
    units = city_units(city)
    plan = plan_129(city)
    movement = Movement.objects.filter(document=plan, organizer=city).first()
    if movement is not None:
        return movement  # already loaded
    movement = services.launch_movement(
        actor=None, organizer=city, document=plan, is_demo=False,
        title="Đợt thi đua đặc biệt lập thành tích chào mừng kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh",
        occasion="Kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh Lạng Sơn (15/6/1933 – 15/6/2023)",
        occasion_date=OCCASION, registration_deadline=REGISTRATION_DEADLINE,
        eligible_kinds=[UnitKind.DEPARTMENT, UnitKind.BOARD, UnitKind.CENTRE, UnitKind.COMMUNE, UnitKind.WARD,
                        UnitKind.MASS_ORGANIZATION],
        min_tasks=1, max_tasks=3,
        description="Mỗi phòng, ban, đơn vị, xã, phường lựa chọn 1-3 nhiệm vụ cụ thể để thực hiện: đẩy nhanh tiến độ "
                    "các công trình, dự án trọng điểm; xây dựng nông thôn mới; giải ngân vốn đầu tư công; cải cách "
                    "hành chính; phát triển sản xuất, kinh doanh.",
    )
    for i, (key, title, description, deadline, expected, done_on, percent) in enumerate(TASKS):
        registration = services.register_task(
            actor=None, movement=movement, unit=units[key], title=title, description=description, deadline=deadline,
            expected_result=expected, registered_on=datetime.date(2023, 3, 1) + datetime.timedelta(days=i))
        registration = services.approve_registration(registration, actor=None, decided_on=APPROVED_ON)
        _report(context, registration.task, units[key], done_on, percent, expected)
    services.record_commendation(
        actor=None, movement=movement, unit=units["board"], recipient=units["board"].name_vi,
        kind="certificate_of_merit", level="city", awarded_on=datetime.date(2023, 7, 20),
        decision_number="2150/QĐ-UBND", is_demo=True)
    services.record_commendation(
        actor=None, movement=movement, unit=units["hoang_dong"], recipient=units["hoang_dong"].name_vi,
        kind="emulation_flag", level="city", awarded_on=datetime.date(2023, 7, 20),
        decision_number="2151/QĐ-UBND", is_demo=True)
    return movement


def _report(context, task, unit, done_on, percent, result):
    """Progress through the tasks service, as the unit's reporter would (skipped when the
    loader made no user who may report for the unit)."""
    from mandate.tasks.services import report_progress

    actor = reporter_for(context, unit)
    if actor is None:
        return
    if done_on:
        report_progress(task, actor=actor, expected_version=None, percent=100, org_unit=unit, mark_done=True,
                        result=result, done_on=done_on, narrative="Đã hoàn thành.")
    else:
        report_progress(task, actor=actor, expected_version=None, percent=percent, org_unit=unit,
                        reported_on=datetime.date(2023, 6, 1), narrative="Đang triển khai.")
