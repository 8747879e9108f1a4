"""Extraction throughput on one core: prints KB/s and fails (exit 1) below the bar.

    .venv/bin/python benchmarks/extraction_speed.py [--min-kb-s 200] [--size-kb 300]

Run alone on an idle machine (CI runs it after the test suite, not beside it).
"""

import argparse
import sys
import time

from mandate.extraction import extract_text

PARAGRAPH = (
    "Năm 2024, tốc độ tăng trưởng GRDP đạt 6,5%; thu ngân sách đạt 7.100 tỷ đồng, bằng 104% dự toán. "
    "Phấn đấu đến năm 2030, 100% hồ sơ được xử lý trực tuyến; tỷ lệ hộ nghèo giảm 1,5% mỗi năm. "
    "Theo Kế hoạch số 129/KH-UBND ngày 12/3/2024, các xã hoàn thành trước ngày 30/6/2025.\n"
    "In 2026 the city aims to welcome 2.5 million visitors, up from 2.1 million in 2024, and to build "
    "120 more classrooms by the end of the second quarter of 2027.\n"
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-kb-s", type=float, default=200.0)
    ap.add_argument("--size-kb", type=int, default=300)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    text = PARAGRAPH * (a.size_kb * 1024 // len(PARAGRAPH.encode()) + 1)
    extract_text(PARAGRAPH)  # load the language model and compile patterns once
    best = 0.0
    for _ in range(a.runs):
        start = time.perf_counter()
        extract_text(text)
        best = max(best, len(text.encode()) / 1024 / (time.perf_counter() - start))
    print(f"extraction throughput: {best:.0f} KB/s on {len(text.encode()) // 1024} KB (best of {a.runs}); "
          f"bar {a.min_kb_s:.0f} KB/s")
    return 0 if best >= a.min_kb_s else 1


if __name__ == "__main__":
    sys.exit(main())
