"""Time one page of an existing national benchmark database, in this checkout or another.

``national.py`` measures every page against raw SQL in one run. This script answers a
narrower question: did a change make a page faster? On a shared machine the same page
moves by up to 2× between runs minutes apart, so compare two checkouts by alternating them
in one session, e.g. the commit before a change (``git worktree add /tmp/before <commit>``)
and this one:

    for i in 1 2 3; do for src in /tmp/before/src src; do
        python benchmarks/page_time.py --src $src --user bench-province --url /dashboard/
    done; done

It logs in as ``--user`` through Django's test client (no server, no network), warms the
page up, then prints the median, p95 and minimum of ``--repeat`` views, with the garbage
collector frozen after the warm-up as ``national.py --gc-freeze`` does.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time

from national import _p95


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", default=os.path.join(os.path.dirname(__file__), "..", "src"),
                        help="the src directory of the checkout to time")
    parser.add_argument("--db", default="postgres://postgres@127.0.0.1:5432/i14_bench_0p05_t200_m60")
    parser.add_argument("--user", default="bench-province", help="bench-province or bench-national")
    parser.add_argument("--url", default="/dashboard/")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.db
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mandate.settings")
    sys.path.insert(0, os.path.abspath(args.src))
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from mandate.accounts.models import Membership

    settings.ALLOWED_HOSTS = ["testserver"]
    membership = Membership.objects.select_related("user").get(user__username=args.user)
    client = Client()
    client.force_login(membership.user)
    for _ in range(3):
        assert client.get(args.url).status_code == 200
    gc.freeze()
    samples = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        client.get(args.url)
        samples.append((time.perf_counter() - started) * 1000)
    print(f"{args.src} {args.user} {args.url}: median {statistics.median(samples):.1f} ms, "
          f"p95 {_p95(samples):.1f} ms, min {min(samples):.1f} ms ({args.repeat} views)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
