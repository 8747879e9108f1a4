"""Org tree in the browser: the tree as it was before 1 July 2025 and after the merger."""

import datetime

from browser_steps import click_and_load
from mandate.orgs.models import UnitKind
from mandate.orgs.services import reorganize_merge


def test_tree_as_of_past_date_shows_the_old_wards(page, login, tree, users):
    reorganize_merge(actor=users["admin"], predecessors=[tree.hoang_dong, tree.mai_pha, tree.chi_lang],
                     effective_on=datetime.date(2025, 7, 1),
                     new_unit={"code": "tam-thanh", "name_vi": "Phường Tam Thanh", "name_en": "Tam Thanh ward",
                               "kind": UnitKind.WARD, "parent": tree.province})
    login("viewer")
    page.goto(page.base_url + "/units/")
    codes = page.get_by_test_id("tree-unit").evaluate_all("items => items.map(i => i.dataset.code)")
    assert codes == ["lang-son", "dept-finance", "tam-thanh"]
    page.get_by_test_id("as-of").fill("2025-06-30")
    click_and_load(page, page.get_by_role("button", name="Xem").or_(page.get_by_role("button", name="View")), wait_until="networkidle")
    codes = page.get_by_test_id("tree-unit").evaluate_all("items => items.map(i => i.dataset.code)")
    assert codes == ["lang-son", "lang-son-city", "hoang-dong", "mai-pha", "chi-lang", "dept-finance"]
    click_and_load(page, page.locator("[data-code=hoang-dong] .tree-label > a").first, wait_until="networkidle")
    assert page.get_by_test_id("unit-name").inner_text() == "Xã Hoàng Đồng"
    assert "Tam Thanh" in page.get_by_test_id("became").inner_text()
    page.goto(page.base_url + "/units/?as_of=today")
    assert page.get_by_test_id("tree-unit").count() == 3
