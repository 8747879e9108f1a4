"""A cell rates its members in the browser: the quota refuses one "excellent" too many, the
committee approves, closes the rating, and the seed 003 target changes status."""

import datetime
import re

from browser_steps import click_and_load
from mandate.accounts.models import Role
from mandate.core.testing import make_user
from mandate.documents.services import create_document
from mandate.orgs.models import UnitKind
from mandate.orgs.services import create_unit
from mandate.party import services
from mandate.targets import services as targets
from mandate.targets.models import Aggregation, Comparator

D = datetime.date


def _setup():
    province = create_unit(code="lang-son", name_vi="Tỉnh Lạng Sơn", kind=UnitKind.PROVINCE)
    committee = create_unit(code="agencies", name_vi="Đảng ủy các cơ quan Đảng tỉnh", kind=UnitKind.PARTY_COMMITTEE,
                            parent=province, valid_from=D(2025, 2, 10))
    cell = create_unit(code="cell-office", name_vi="Chi bộ Văn phòng", kind=UnitKind.PARTY_CELL, parent=committee,
                       valid_from=D(2025, 2, 10))
    committee_user = make_user("committee", committee, Role.APPROVER)
    make_user("cell", cell, Role.REPORTER)
    doc = create_document(number="01-NQ/ĐU", title="Nghị quyết Đại hội lần thứ I", issuing_unit=committee,
                          issued_on=D(2025, 6, 20))
    target = targets.create_target(actor=None, document=doc, org_unit=committee, unit_of_measure="%",
                                   indicator="Đảng viên hoàn thành tốt nhiệm vụ trở lên", value=95,
                                   period="2025-2030", comparator=Comparator.AT_LEAST,
                                   aggregation=Aggregation.AVERAGE)
    rows = [services.MemberRow(code=f"CB-{i:02d}", full_name=f"Lộc Văn Thành {i:02d}", birth_year=1980 + i,
                               sex="male", ethnicity="Tày", admitted_on=D(2010, 3, 1 + i),
                               official_on=D(2011, 3, 1 + i)) for i in range(12)]
    services.add_members(actor=None, org_unit=cell, rows=rows)
    campaign = services.open_campaign(actor=committee_user, org_unit=committee, year=2025, member_target=target)
    ids = sorted(campaign.member_ratings.values_list("pk", flat=True))
    services.self_assess_group(campaign, actor=None, org_unit=cell,
                               grades={pk: "excellent" if i < 3 else "well" for i, pk in enumerate(ids)})
    return campaign, cell, target


def test_rate_a_cell_quota_refusal_approve_and_target_status(page, login, db):
    campaign, cell, target = _setup()
    group_url = f"{page.base_url}/party/ratings/{campaign.pk}/groups/{cell.pk}/"

    login("committee")
    page.goto(f"{page.base_url}{target.get_absolute_url()}")
    assert page.locator("[data-status]").first.get_attribute("data-status") == "no_data"
    page.context.clear_cookies()

    login("cell")
    page.goto(group_url)
    selects = page.get_by_test_id("grade-select")
    assert selects.count() == 12
    click_and_load(page, page.get_by_test_id("propose"))
    refusal = page.locator(".msg.error").first.inner_text()
    assert re.search(r"\b3\b.*\b12\b.*\b2\b", refusal), refusal
    # what was typed is kept: still three "excellent" chosen; lower one and propose again
    chosen = [page.get_by_test_id("grade-select").nth(i).input_value() for i in range(12)]
    assert chosen.count("excellent") == 3
    page.get_by_test_id("grade-select").nth(chosen.index("excellent")).select_option("well")
    click_and_load(page, page.get_by_test_id("propose"))
    assert page.locator(".msg.success").count() == 1
    page.context.clear_cookies()

    login("committee")
    page.goto(group_url)
    click_and_load(page, page.get_by_test_id("decide"))
    assert page.locator(".msg.success").count() == 1
    page.goto(f"{page.base_url}{campaign.get_absolute_url()}")
    form = page.get_by_test_id("org-rating-form")
    form.locator("select").first.select_option("well")
    form.locator("input[type=checkbox]").first.check()
    click_and_load(page, page.get_by_test_id("rate-orgs"))
    click_and_load(page, page.get_by_test_id("close-campaign"))
    assert page.locator(".msg.success").count() == 1
    assert "100" in page.get_by_test_id("member-results").inner_text()
    click_and_load(page, page.get_by_test_id("member-target-link"))
    assert page.locator("[data-status]").first.get_attribute("data-status") == "achieved"
