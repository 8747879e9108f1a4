"""Change history people can read (issue 8, item 5): labels, names, local times, formatted
values, no empty rows."""

import datetime
import re

from django.urls import reverse
from django.utils import translation

from mandate.core.history import history_rows
from mandate.targets import services
from mandate.targets.models import Comparator


def test_a_submitted_value_reads_as_people_write_it(tree, users, plan, client):
    reporter = users["hd_reporter"]
    reporter.first_name, reporter.last_name = "Lan", "Nguyễn"
    reporter.save()
    target = services.create_target(actor=users["admin"], document=plan, org_unit=tree.city, indicator="Members",
                                    unit_of_measure="members", value=230, period="2023",
                                    comparator=Comparator.AT_LEAST)
    rv = services.enter_value(actor=reporter, target=target, org_unit=tree.hoang_dong, period="2023",
                              value="1234.5")
    rv = services.update_value(rv, actor=reporter, expected_version=rv.version, value="1300", submit=True)
    with translation.override("vi"):
        rows = history_rows(rv)
    assert [r["kind"] for r in rows] == ["đã sửa", "đã tạo"] or len(rows) == 2
    changed = dict((label, (old, new)) for label, old, new in rows[0]["changes"])
    with translation.override("en"):
        rows_en = history_rows(rv)
    changes_en = {label: (old, new) for label, old, new in rows_en[0]["changes"]}
    assert changes_en["state"] == ("draft", "submitted")
    assert changes_en["value"] == ("1,234.5", "1,300")
    assert changes_en["submitted by"] == ("—", "Lan Nguyễn")
    old, new = changes_en["submitted at"]
    assert old == "—" and re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", new)
    local = datetime.datetime.strptime(new, "%d/%m/%Y %H:%M")
    assert abs((local - rv.submitted_at.replace(tzinfo=None)).total_seconds() - 7 * 3600) < 120
    assert "version" not in changes_en and changed  # Vietnamese rows exist too

    client.force_login(users["admin"])
    html = client.get(reverse("targets:value", args=[rv.pk])).content.decode()
    assert "submitted_at" not in html and "+00:00" not in html and "Lan Nguyễn" in html


def test_rows_that_change_nothing_visible_are_left_out(tree, users, plan):
    target = services.create_target(actor=users["admin"], document=plan, org_unit=tree.city, indicator="X",
                                    unit_of_measure="%", value=5, period="2023")
    target.save()  # a save that changes nothing a reader sees
    rows = history_rows(target)
    assert [r["kind"] for r in rows] == ["created"]
