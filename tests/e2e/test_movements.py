"""A commune registers its tasks for an emulation movement in the browser; a fourth is refused."""

import datetime

from browser_steps import click_and_load
from mandate.documents.services import create_document
from mandate.movements import services
from mandate.orgs.models import UnitKind

DAY = datetime.date(2023, 3, 1)  # within the life of the test tree's communes


def test_register_three_tasks_and_fourth_refused(page, login, tree, users, monkeypatch):
    monkeypatch.setattr(services, "today", lambda: DAY)
    plan = create_document(number="129/KH-UBND", title="Kế hoạch thi đua đặc biệt", issuing_unit=tree.city,
                           issued_on=datetime.date(2023, 2, 20))
    movement = services.launch_movement(actor=users["city_approver"], organizer=tree.city, document=plan,
                                        title="Thi đua chào mừng 90 năm", registration_deadline=datetime.date(2023, 3, 31),
                                        eligible_kinds=[UnitKind.COMMUNE, UnitKind.WARD])
    login("hd-reporter")
    page.goto(f"{page.base_url}{movement.get_absolute_url()}")
    for title in ("Mở rộng đường thôn Tằng Khắm", "Nhà văn hóa thôn Hoàng Thanh", "Rãnh thoát nước Dọc Chè",
                  "Sân thể thao thôn Nà Pàn"):
        form = page.get_by_test_id("registration-form")
        form.locator("input[name=title]").fill(title)
        form.locator("input[name=deadline]").fill("2023-06-14")
        click_and_load(page, page.get_by_test_id("register-submit"))
    error = page.get_by_test_id("registration-error")
    assert "3" in error.inner_text()
    assert page.get_by_test_id("registration-form").locator("input[name=title]").input_value() == \
        "Sân thể thao thôn Nà Pàn"
    assert page.get_by_test_id("count-registered").inner_text() == "3"
    assert movement.registrations.count() == 3
