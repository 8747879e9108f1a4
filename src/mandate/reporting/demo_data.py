"""Demo data for the reporting season.

- The province's term figures of seed 002 for 2015-2020 and 2020-2025 (GRDP growth 6.67%
  in 2021 and 7.22% in 2022, 1.5 points above the 2015-2020 average; income per head
  46.8 and 51.72 million VND, 29.3% above 2015-2020; rural clean water 98% in 2023, 3
  points above 2020; 272 of 670 schools up to national standard; health insurance 90.8%).
  The yearly split of 2016-2020 and the goals are invented so that the averages match the
  seed; the two resolutions' numbers are illustrative (marked in their summary).
- Illustrative outlines (rectangles near Lang Son city, not surveyed) for the city's 8
  communes and wards of 2023 and the 4 wards of 2025, uploaded through the same service
  as an administrator's GeoJSON.
The 2023 city targets by ward and commune come from the foundation (seed 000).
"""

from __future__ import annotations

import datetime
import json

from mandate.demo.foundation import DemoContext, report
from mandate.documents.services import create_document
from mandate.targets import services as targets
from mandate.targets.models import Aggregation, Comparator

from . import services

ORDER = 40
D = datetime.date

# (indicator, unit of measure, comparator, goal 2015-2020, goal 2020-2025, {period: value}, aggregation)
TERM_FIGURES = [
    ("Tốc độ tăng trưởng kinh tế (GRDP) bình quân năm", "%", Comparator.AT_LEAST, 7, "7.5",
     {"2016": "5.2", "2017": "5.6", "2018": "5.8", "2019": "5.5", "2020": "5.15", "2021": "6.67", "2022": "7.22"}),
    ("Thu nhập bình quân đầu người", "triệu đồng", Comparator.AT_LEAST, 40, 55,
     {"2016": "33.5", "2017": "35.8", "2018": "38.0", "2019": "40.6", "2020": "42.6", "2021": "46.8",
      "2022": "51.72"}),
    ("Tỷ lệ dân số nông thôn sử dụng nước hợp vệ sinh", "%", Comparator.AT_LEAST, 95, 98,
     {"2019": "94", "2020": "95", "2022": "97", "2023": "98"}),
    ("Trường học đạt chuẩn quốc gia", "trường", Comparator.AT_LEAST, 220, 300,
     {"2019": "214", "2020": "231", "2022": "258", "2023": "272"}),
    ("Tỷ lệ dân số tham gia bảo hiểm y tế", "%", Comparator.AT_LEAST, 95, 95,
     {"2020": "97.2", "2021": "93.1", "2022": "90.8"}),
    ("Kết nạp đảng viên mới trong năm", "đảng viên", Comparator.AT_LEAST, 1900, 1930,
     {"2019": "1985", "2020": "2010", "2021": "2110", "2022": "2120", "2023": "2105"}),
]

OUTLINES_2023 = ["chi-lang", "dong-kinh", "hoang-van-thu", "tam-thanh", "vinh-trai", "hoang-dong", "mai-pha",
                 "quang-lac"]
OUTLINES_2025 = ["tam-thanh-2025", "luong-van-tri", "dong-kinh-2025", "ky-lua"]


def _rectangle(lon, lat, w, h):
    return {"type": "Polygon", "coordinates": [[[lon, lat], [lon + w, lat], [lon + w, lat + h], [lon, lat + h],
                                                [lon, lat]]]}


def boundaries_geojson() -> bytes:
    features = []
    for i, code in enumerate(OUTLINES_2023):  # a 4 × 2 block around the city centre
        lon, lat = 106.70 + (i % 4) * 0.04, 21.87 - (i // 4) * 0.04
        features.append({"type": "Feature", "properties": {"code": code}, "geometry": _rectangle(lon, lat, 0.04, 0.04)})
    for i, code in enumerate(OUTLINES_2025):
        lon, lat = 106.70 + (i % 2) * 0.08, 21.87 - (i // 2) * 0.04
        features.append({"type": "Feature", "properties": {"code": code}, "geometry": _rectangle(lon, lat, 0.08, 0.04)})
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def term_targets(ctx: DemoContext) -> None:
    admin = ctx.users["province-admin"]
    unit = ctx.units["lang-son"]
    docs = {
        "2015-2020": create_document(
            number="01-NQ/ĐH", kind="resolution", issuing_unit=ctx.units["lang-son-party-committee"], year=2015,
            title="Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Lạng Sơn lần thứ XVI, nhiệm kỳ 2015 – 2020",
            summary="Dữ liệu minh họa (demo): số hiệu và các chỉ tiêu là giả định."),
        "2020-2025": create_document(
            number="02-NQ/ĐH", kind="resolution", issuing_unit=ctx.units["lang-son-party-committee"], year=2020,
            title="Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Lạng Sơn lần thứ XVII, nhiệm kỳ 2020 – 2025",
            summary="Dữ liệu minh họa (demo): số hiệu và mục tiêu là giả định; số liệu 2021–2023 theo báo cáo "
                    "giữa nhiệm kỳ."),
    }
    for order, (indicator, uom, comparator, goal_old, goal_new, values) in enumerate(TERM_FIGURES, start=1):
        for term, goal in (("2015-2020", goal_old), ("2020-2025", goal_new)):
            target = targets.create_target(actor=admin, document=docs[term], org_unit=unit, indicator=indicator,
                                           unit_of_measure=uom, value=goal, period=term, comparator=comparator,
                                           aggregation=Aggregation.OWN, sort_order=order)
            first, last = (int(x) for x in term.split("-"))
            for period, value in values.items():
                if first < int(period) <= last:
                    report(ctx, target, "lang-son", period, value, decided_on=D(int(period) + 1, 1, 25))
    ctx.documents.update({"01-NQ/ĐH": docs["2015-2020"], "02-NQ/ĐH": docs["2020-2025"]})


def load(context: DemoContext | None = None) -> None:
    ctx = context
    if ctx is None:
        return
    term_targets(ctx)
    services.upload_boundaries(actor=ctx.users["province-admin"], data=boundaries_geojson(), illustrative=True)
