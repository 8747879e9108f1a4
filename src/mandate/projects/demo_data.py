"""Demo data from seed 000: the 38 projects of which the Lang Son City Management Board of
Construction Investment Projects was the investor in 2023, nearly 234 billion VND of planned
capital in total. The count, the total, the park south of the 17/10 bridge and the smart LED
lighting (both done before 15 June 2023), Ba Trieu street and Ben Bac (site clearance over
90 %) and the 12 projects aimed at the end of 2023 come from the source; every per-project
figure, date and the other names are invented and the projects are marked demo.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from mandate.movements.demo_data import city_units, find_city, plan_129

from . import services
from .models import InvestmentProject

ORDER = 31

D = datetime.date
TOTAL = Decimal("233900000000")  # "nearly 234 billion VND"
MILLION = Decimal(1_000_000)

# (name, planned capital in million VND, start, planned completion, completed on, site clearance %)
NAMED = [
    ("Xây dựng công viên phía Nam cầu 17/10", 18_500, D(2022, 9, 1), D(2023, 6, 14), D(2023, 6, 10), 100),
    ("Cải tạo, nâng cấp hệ thống chiếu sáng công cộng bằng đèn LED thông minh tiết kiệm năng lượng", 9_800,
     D(2023, 1, 15), D(2023, 6, 14), D(2023, 6, 12), None),
    ("Cải tạo, mở rộng đường Bà Triệu (đoạn Lý Thái Tổ – Nguyễn Đình Chiểu)", 21_400, D(2022, 10, 1),
     D(2024, 6, 30), D(2024, 9, 20), 92),
    ("Hạ tầng kỹ thuật Khu đô thị mới Bến Bắc (giai đoạn 1)", 16_200, D(2022, 8, 1), D(2024, 12, 31), None, 91),
]
# The 12 projects aimed at the end of 2023.
END_OF_YEAR = [
    "Chỉnh trang hè phố, rãnh thoát nước đường Trần Đăng Ninh",
    "Nâng cấp đường Tam Thanh đoạn từ ngã ba Tam Thanh đến đường Lê Lợi",
    "Nhà lớp học 3 tầng Trường Tiểu học Hoàng Văn Thụ",
    "Nhà đa năng Trường THCS Chi Lăng",
    "Cải tạo nút giao đường Lê Đại Hành – Bà Triệu",
    "Đường giao thông nông thôn thôn Nà Sèn, xã Hoàng Đồng",
    "Nhà văn hóa khối 5 phường Vĩnh Trại",
    "Kè chống sạt lở bờ sông Kỳ Cùng đoạn qua phường Tam Thanh",
    "Hệ thống thoát nước khu dân cư khối 8 phường Đông Kinh",
    "Cải tạo chợ Giếng Vuông",
    "Trường Mầm non Mai Pha – nhà lớp học 2 tầng",
    "Sân thể thao, nhà văn hóa thôn Khòn Pát, xã Quảng Lạc",
]
# The other projects of the 2023 plan (carried over or longer).
OTHERS = [
    "Đường Hùng Vương kéo dài đoạn Km0+000 – Km1+200",
    "Hạ tầng khu tái định cư phường Hoàng Văn Thụ",
    "Cải tạo vỉa hè đường Lê Lợi",
    "Trụ sở làm việc Đảng ủy – HĐND – UBND phường Đông Kinh",
    "Nâng cấp đường Ngô Quyền",
    "Cải tạo cảnh quan hồ Phai Loạn",
    "Điện chiếu sáng đường Lý Thường Kiệt",
    "Nhà lớp học Trường THCS Quảng Lạc",
    "Cải tạo, sửa chữa Nhà thi đấu thành phố",
    "Đường nội thị khu Nam Hoàng Đồng",
    "Chỉnh trang khu vực Quảng trường 17/10",
    "Hệ thống camera giám sát giao thông, an ninh trật tự đô thị",
    "Cải tạo đường Bắc Sơn",
    "Trường Tiểu học Vĩnh Trại – nhà lớp học 3 tầng",
    "Mở rộng nghĩa trang nhân dân thành phố",
    "Đường vào khu du lịch Mẫu Sơn đoạn qua xã Mai Pha",
    "Nâng cấp đường Phai Vệ",
    "Hạ tầng kỹ thuật khu dân cư Nam Thành phố",
    "Cải tạo nhà văn hóa khối 2 phường Chi Lăng",
    "Rãnh thoát nước đường Đinh Tiên Hoàng",
    "Xây dựng bãi đỗ xe khu vực chợ Đông Kinh",
    "Chỉnh trang vườn hoa Hoàng Văn Thụ",
]


def _capitals(count: int, total_million: int) -> list[int]:
    """Plausible, varied figures (million VND) summing exactly to ``total_million``."""
    weights = [3 + (i * 7) % 11 for i in range(count)]
    scale = total_million / sum(weights)
    values = [int(w * scale / 10) * 10 for w in weights]
    values[0] += total_million - sum(values)
    return values


def _rows():
    named_total = sum(capital for _n, capital, *_rest in NAMED)
    rest = _capitals(len(END_OF_YEAR) + len(OTHERS), int(TOTAL / MILLION) - named_total)
    rows = list(NAMED)
    # End of 2023: 7 done on time, 3 done late, 2 still open (overdue).
    for i, name in enumerate(END_OF_YEAR):
        completed = [D(2023, 12, 20), D(2024, 3, 15), None][0 if i < 7 else 1 if i < 10 else 2]
        rows.append((name, rest[i], D(2023, 2, 1) + datetime.timedelta(days=7 * i), D(2023, 12, 31), completed,
                     None))
    # Others: planned completion spread over 2023-2025; some done on time, some late, some open.
    for j, name in enumerate(OTHERS):
        planned = [D(2023, 9, 30), D(2024, 6, 30), D(2024, 12, 31), D(2025, 6, 30)][j % 4]
        completed = [planned - datetime.timedelta(days=10), planned + datetime.timedelta(days=75), None][j % 3]
        rows.append((name, rest[len(END_OF_YEAR) + j], D(2022, 6, 1) + datetime.timedelta(days=20 * j), planned,
                     completed, 80 + (j * 3) % 21 if j % 5 == 0 else None))
    return rows


def _disburse(project, capital: Decimal, start: datetime.date, planned: datetime.date, completed):
    """Quarterly payments: all of it for a completed project, part for an open one."""
    share = Decimal("0.95") if completed else Decimal("0.35") + Decimal((project.pk * 13) % 40) / 100
    quarters = 4
    for q in range(quarters):
        day = start + (planned - start) * (q + 1) / (quarters + 1)
        amount = (capital * share / quarters).quantize(Decimal(1_000_000))
        services.record_disbursement(actor=None, project=project, paid_on=day, amount=amount,
                                     note=f"Đợt {q + 1}", is_demo=True)


def load(context=None) -> list[InvestmentProject]:
    city = find_city()
    board = city_units(city)["board"]
    if InvestmentProject.objects.filter(investor=board, plan_year=2023).exists():
        return list(InvestmentProject.objects.filter(investor=board, plan_year=2023))
    document = plan_129(city)
    projects = []
    for name, capital_million, start, planned, completed, clearance in _rows():
        capital = Decimal(capital_million) * MILLION
        project = services.create_project(
            actor=None, investor=board, name=name, plan_year=2023, planned_capital=capital, started_on=start,
            planned_completion=planned, is_demo=True,
            document=document if planned <= D(2023, 6, 15) else None,
            description="Số liệu minh họa: vốn, ngày và tiến độ của từng dự án không lấy từ nguồn.")
        _disburse(project, capital, start, planned, completed)
        mid = start + (planned - start) / 2
        services.add_milestone(actor=None, project=project, title="Khởi công", deadline=start + datetime.timedelta(
            days=30), done_on=start + datetime.timedelta(days=20), is_demo=True)
        services.add_milestone(actor=None, project=project, title="Hoàn thành phần kết cấu chính", deadline=mid,
                               done_on=mid - datetime.timedelta(days=5) if completed else None, is_demo=True)
        services.add_milestone(actor=None, project=project, title="Nghiệm thu, bàn giao đưa vào sử dụng",
                               deadline=planned, done_on=completed, is_demo=True)
        if clearance is not None:
            services.record_site_clearance(actor=None, project=project, percent=clearance, as_of=D(2023, 5, 31))
        if completed:
            services.record_completion(actor=None, project=project, completed_on=completed)
        projects.append(project)
    return projects
