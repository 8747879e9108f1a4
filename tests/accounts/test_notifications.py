"""Notifications are stored as an event with parameters and read in the reader's language;
approvers hear of a value submitted to them."""

from django.urls import reverse
from django.utils import translation

from mandate.accounts.models import Notification
from mandate.targets import services
from mandate.targets.models import Comparator


def _target(users, plan, tree):
    return services.create_target(actor=users["admin"], document=plan, org_unit=tree.city, indicator="Members",
                                  unit_of_measure="members", value=230, period="2023",
                                  comparator=Comparator.AT_LEAST)


def test_approvers_are_told_of_a_submitted_value(tree, users, plan):
    target = _target(users, plan, tree)
    rv = services.enter_value(actor=users["hd_reporter"], target=target, org_unit=tree.hoang_dong, period="2023",
                              value="1234.5", submit=True)
    told = set(Notification.objects.filter(event="value_submitted").values_list("user__username", flat=True))
    assert told == {"city-approver", "admin"}
    n = Notification.objects.filter(user=users["city_approver"]).get()
    assert n.params["indicator"] == "Members" and n.subject == ""
    with translation.override("en"):
        assert n.title == "Waiting for your approval: Members, 2023, Hoang Dong commune"
        assert "1,234.5" in n.text
    with translation.override("vi"):
        assert n.title.startswith("Chờ bạn phê duyệt") and "Xã Hoàng Đồng" in n.title
        assert "1.234,5" in n.text
    assert rv.get_absolute_url() == n.url


def test_a_decision_reads_in_the_recipients_language(tree, users, plan, client):
    target = _target(users, plan, tree)
    rv = services.enter_value(actor=users["hd_reporter"], target=target, org_unit=tree.hoang_dong, period="2023",
                              value=30, submit=True)
    services.approve_value(rv, actor=users["city_approver"], expected_version=rv.version, comment="Tốt")
    n = Notification.objects.get(user=users["hd_reporter"])
    assert n.event == "value_approved"
    client.force_login(users["hd_reporter"])
    client.post(reverse("set_language"), {"language": "vi"})
    html = client.get(reverse("accounts:notifications"), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Đã phê duyệt: Members, kỳ 2023" in html and "Tốt" in html
    client.post(reverse("set_language"), {"language": "en"})
    html = client.get(reverse("accounts:notifications")).content.decode()
    assert "Approved: Members, 2023" in html
