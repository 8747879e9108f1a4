"""Election day in the browser: a voting area reports turnout on a phone, a result is entered
and approved, published, and read on the public portal in Vietnamese and English."""

import pytest

from browser_steps import click_and_load, log_in
from mandate.elections import services
from mandate.elections.models import AreaResult, TurnoutReport
from mandate.elections.testing import build_election, enter, make_election_users, make_wards
from mandate.portal import services as portal

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    yield page
    context.close()


def sign_in(page, username):
    page.context.clear_cookies()
    log_in(page, username, "a-Long-test-pass-42", wait_until="domcontentloaded")


def test_turnout_on_a_phone_then_result_approved_published_and_public(phone, tree, users):
    wards = make_wards(tree)
    eusers = make_election_users(users, wards)
    e = build_election(tree, wards, eusers["admin"])
    portal.publish_election(actor=eusers["admin"], election=e["election"], kind="candidates")
    other = enter(e, "a2", {"an": 300, "binh": 380}, issued=700, received=700, valid=690, invalid=10)
    services.approve_figure(other, actor=eusers["admin"], expected_version=other.version)

    page = phone
    sign_in(page, "kl-reporter")
    page.goto(page.base_url + e["a1"].get_absolute_url())
    form = page.get_by_test_id("turnout-form")
    form.locator("select[name=hour]").select_option("9")
    form.locator("input[name=voted]").fill("1200")
    click_and_load(page, page.get_by_test_id("turnout-submit"))
    assert "1000" in page.get_by_test_id("turnout-error").inner_text()  # more than the voters on the list
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1  # no sideways scrolling
    form = page.get_by_test_id("turnout-form")
    form.locator("input[name=voted]").fill("310")
    click_and_load(page, page.get_by_test_id("turnout-submit"))
    assert page.get_by_test_id("turnout-row").count() == 1
    assert TurnoutReport.objects.get(area=e["a1"], hour=9).voted == 310

    result = page.get_by_test_id("result-form")
    for name, value in [("ballots_issued", "900"), ("ballots_received", "850"), ("valid", "840"), ("invalid", "10")]:
        result.locator(f"input[name={name}]").fill(value)
    result.get_by_test_id("votes-1").fill("600")
    result.get_by_test_id("votes-2").fill("200")
    click_and_load(page, page.get_by_test_id("result-submit"))
    assert page.get_by_test_id("result-state").inner_text()
    assert AreaResult.objects.get(area=e["a1"]).state == "submitted"

    sign_in(page, "kl-approver")
    page.goto(page.base_url + e["a1"].get_absolute_url())
    click_and_load(page, page.get_by_test_id("approve-result"))
    assert AreaResult.objects.get(area=e["a1"]).state == "approved"

    sign_in(page, "admin")
    page.goto(page.base_url + f"/elections/{e['election'].pk}/turnout/?hour=9")  # the province on a phone
    board = page.get_by_test_id("turnout-by-constituency").inner_text()
    assert "KVBP số 2" in board  # the area of constituency 1 that has not reported at 09:00
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    page.goto(page.base_url + e["one"].get_absolute_url())
    click_and_load(page, page.get_by_test_id("publish-results"))
    page.get_by_test_id("withdraw-results").wait_for()

    page.context.clear_cookies()  # the public: no login
    page.goto(page.base_url + f"/public/constituencies/{e['one'].pk}/")
    assert page.locator("html").get_attribute("lang") == "vi"
    outcome = page.get_by_test_id("public-outcome").inner_text()
    assert "Nguyễn Văn An" in outcome and "Trúng cử" in outcome
    assert "900" in page.get_by_test_id("public-result").inner_text()
    click_and_load(page, page.get_by_test_id("portal-lang-en"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Elected: Nguyễn Văn An" in page.get_by_test_id("public-outcome").inner_text()
    assert page.get_by_role("img").count() >= 1  # the chart, labelled for screen readers
