"""Province-wide rating results: the results page against the raw SQL of the same shares.

Loads 70,000 Party members in about 1,400 organizations under 11 district-level committees
into a PostgreSQL database, opens one year's rating campaign (one rating row per member,
through ``party.services.open_campaign``), writes the committee's decisions in one UPDATE
(random grades within the quota's spirit; the rating services themselves are tested in
tests/party), then times:

  page   GET /party/ratings/<campaign>/ (the province-wide results page: the Provincial Party
         Committee and its children, members and organizations), through Django's test client;
  sql    one hand-written SQL statement computing the same member shares for the same units.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/i10_bench python benchmarks/party_ratings.py

Refuses any database whose name does not start with ``i10_`` or ``bench`` (it empties it).
Use ``--members`` for a smaller run. Prints the medians and the ratio page / sql.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time


def load(args):
    """Empty the database and load the members, the campaign and the decisions."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from mandate.orgs.models import UnitKind
    from mandate.orgs.services import create_unit
    from mandate.party import services
    from mandate.party.models import MemberRating, MemberStint, OrgRating, PartyMember

    call_command("flush", interactive=False, verbosity=0)
    started = time.perf_counter()
    with transaction.atomic():
        province = create_unit(code="b-province", name_vi="Tỉnh", kind=UnitKind.PROVINCE)
        party = create_unit(code="b-party", name_vi="Tỉnh ủy", kind=UnitKind.PARTY_COMMITTEE, parent=province)
        orgs_needed = args.members // args.per_org
        districts = [create_unit(code=f"b-d{i}", name_vi=f"Huyện ủy {i}", kind=UnitKind.PARTY_COMMITTEE,
                                 parent=party) for i in range(11)]
        orgs = [create_unit(code=f"b-o{n}", name_vi=f"Chi bộ {n}", kind=UnitKind.PARTY_CELL,
                            parent=districts[n % len(districts)]) for n in range(orgs_needed)]
        # The members are written straight in bulk (the data under test is the campaign);
        # ``services.add_members`` and its checks are tested in tests/party.
        admitted, official = datetime.date(2010, 1, 1), datetime.date(2011, 1, 1)
        members = PartyMember.objects.bulk_create([
            PartyMember(code=f"B{i:06d}", full_name=f"Đảng viên {i}", birth_year=1980 + i % 20, sex="male",
                        ethnicity="Tày", org_unit=orgs[i // args.per_org], admitted_on=admitted,
                        official_on=official, status="official")
            for i in range(orgs_needed * args.per_org)], batch_size=5000)
        MemberStint.objects.bulk_create([MemberStint(member=m, org_unit_id=m.org_unit_id, start=admitted)
                                         for m in members], batch_size=5000)
        seq = len(members)
        campaign = services.open_campaign(actor=None, org_unit=party, year=2025)
    print(f"loaded {seq} members, {orgs_needed} organizations in {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        # Decisions: ~14% excellent, ~80% well, ~5% completed, ~1% not completed.
        cursor.execute("""UPDATE party_memberrating SET decided_grade = CASE
                            WHEN random() < 0.14 THEN 'excellent' WHEN random() < 0.93 THEN 'well'
                            WHEN random() < 0.83 THEN 'completed' ELSE 'not_completed' END,
                            proposed_grade = 'well', self_grade = 'well' WHERE campaign_id = %s""", [campaign.pk])
        cursor.execute("UPDATE party_orgrating SET decided_grade = 'well', four_good = true WHERE campaign_id = %s",
                       [campaign.pk])
        cursor.execute("ANALYZE")
    assert MemberRating.objects.filter(campaign=campaign).count() == seq
    assert OrgRating.objects.filter(campaign=campaign).count() == orgs_needed

    return campaign, party


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=70_000)
    parser.add_argument("--per-org", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--reuse", action="store_true", help="Time again on the data of a previous run.")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mandate.settings")
    url = os.environ.get("DATABASE_URL", "")
    name = url.rsplit("/", 1)[-1]
    if not url.startswith("postgres") or not (name.startswith("i10_") or name.startswith("bench")):
        print("Set DATABASE_URL to a PostgreSQL database named i10_... (it is emptied).", file=sys.stderr)
        return 2
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.ALLOWED_HOSTS = ["*"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model
    from django.test import Client

    from mandate.orgs.models import OrgUnit
    from mandate.party.models import RatingCampaign

    if args.reuse and RatingCampaign.objects.filter(org_unit__code="b-party").exists():
        campaign = RatingCampaign.objects.get(org_unit__code="b-party")
        party = OrgUnit.objects.get(code="b-party")
    else:
        campaign, party = load(args)

    admin = get_user_model().objects.filter(username="bench-admin").first() or \
        get_user_model().objects.create_superuser("bench-admin", password="bench-pass-42-long")
    client = Client()
    client.force_login(admin)
    page_url = f"/party/ratings/{campaign.pk}/"
    prefix_len = len(party.path) + 9
    raw = """SELECT substr(o.path, 1, %s) AS child, COUNT(*),
                    SUM(CASE WHEN r.decided_grade IN ('excellent', 'well') THEN 1 ELSE 0 END),
                    SUM(CASE WHEN r.decided_grade = 'excellent' THEN 1 ELSE 0 END),
                    SUM(CASE WHEN r.decided_grade = 'well' THEN 1 ELSE 0 END),
                    SUM(CASE WHEN r.decided_grade = 'completed' THEN 1 ELSE 0 END),
                    SUM(CASE WHEN r.decided_grade = 'not_completed' THEN 1 ELSE 0 END)
             FROM party_memberrating r JOIN orgs_orgunit o ON o.id = r.org_unit_id
             WHERE r.campaign_id = %s AND r.decided_grade <> '' AND o.path LIKE %s
             GROUP BY ROLLUP (substr(o.path, 1, %s))"""
    params = [prefix_len, campaign.pk, party.path + "%", prefix_len]

    def page():
        response = client.get(page_url, HTTP_HOST="localhost")
        assert response.status_code == 200
        return response

    def sql():
        with connection.cursor() as cursor:
            cursor.execute(raw, params)
            return cursor.fetchall()

    # The two agree on the province-wide total.
    from mandate.party.queries import rating_results

    rows = {r.unit.pk: r for r in rating_results(campaign, party)}
    total = [row for row in sql() if row[0] is None][0]
    assert rows[party.pk].rated == total[1] and rows[party.pk].well_or_better == total[2], (rows[party.pk], total)

    def median(fn) -> float:
        fn()
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    page_s, sql_s = median(page), median(sql)
    print(f"results page (members and organizations, rendered): {page_s * 1000:.1f} ms")
    print(f"raw SQL (member shares only):                      {sql_s * 1000:.1f} ms")
    print(f"ratio page / SQL: {page_s / sql_s:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
