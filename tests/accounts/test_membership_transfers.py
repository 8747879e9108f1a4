"""Reorganizations carry members to the successor unit; the move is recorded, shown on the
user's page and undone by an administrator."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from mandate.accounts import services
from mandate.accounts.access import can_see_unit, closed_unit_notice, has_role_on
from mandate.accounts.models import Membership, MembershipTransfer, Role
from mandate.core.testing import make_user
from mandate.orgs.models import UnitKind
from mandate.orgs.services import create_unit, record_merger, record_split

D = datetime.date


@pytest.fixture
def units(db):
    province = create_unit(code="p", name_vi="Tỉnh", kind=UnitKind.PROVINCE)
    a = create_unit(code="a", name_vi="Xã A", kind=UnitKind.COMMUNE, parent=province)
    b = create_unit(code="b", name_vi="Xã B", kind=UnitKind.COMMUNE, parent=province)
    return province, a, b


def test_a_merger_carries_members_to_the_successor(units):
    province, a, b = units
    reporter = make_user("rep", a, Role.REPORTER)
    admin = make_user("adm", province, Role.ADMINISTRATOR)
    new = create_unit(code="ab", name_vi="Phường AB", kind=UnitKind.WARD, parent=province, valid_from=D(2025, 7, 1))
    record_merger(predecessors=[a, b], successor=new, effective_on=D(2025, 7, 1))

    membership = Membership.objects.get(user=reporter)
    assert membership.org_unit == new and membership.role == Role.REPORTER
    transfer = MembershipTransfer.objects.get(user=reporter)
    assert (transfer.from_unit, transfer.to_unit, transfer.effective_on) == (a, new, D(2025, 7, 1))
    assert transfer.succession.predecessor == a
    # The merged unit's past records stay reachable through the successor.
    reporter = type(reporter).objects.get(pk=reporter.pk)
    a.refresh_from_db()
    assert has_role_on(reporter, a, Role.REPORTER) and can_see_unit(reporter, a)
    assert closed_unit_notice(reporter, D(2026, 11, 30)) == ""

    services.undo_transfer(transfer, actor=admin)
    assert Membership.objects.get(user=reporter).org_unit == a
    transfer.refresh_from_db()
    assert transfer.undone_by == admin
    with pytest.raises(ValidationError):
        services.undo_transfer(transfer, actor=admin)


def test_a_split_carries_members_to_the_first_new_unit_and_only_admins_undo(units):
    province, a, _b = units
    viewer = make_user("v", a, Role.VIEWER)
    outsider = make_user("o", _b, Role.ADMINISTRATOR)
    a1 = create_unit(code="a1", name_vi="Xã A1", kind=UnitKind.COMMUNE, parent=province, valid_from=D(2025, 7, 1))
    a2 = create_unit(code="a2", name_vi="Xã A2", kind=UnitKind.COMMUNE, parent=province, valid_from=D(2025, 7, 1))
    record_split(predecessor=a, successors=[a1, a2], effective_on=D(2025, 7, 1))
    assert Membership.objects.get(user=viewer).org_unit == a1
    with pytest.raises(PermissionDenied):
        services.undo_transfer(MembershipTransfer.objects.get(user=viewer), actor=outsider)


def test_a_closed_unit_is_said_plainly_and_the_page_lists_moves(units, client):
    province, a, _b = units
    user = make_user("closed", a, Role.REPORTER)
    a.valid_to = D(2025, 7, 1)
    a.save()
    assert "closed on 01/07/2025" in closed_unit_notice(user, D(2026, 11, 30))
    client.force_login(user)
    page = client.get(reverse("targets:value_new"), {"as_of": "2026-11-30"})
    assert "closed on 01/07/2025" in page.content.decode()
    assert page.context["no_units"]

    admin = make_user("adm", province, Role.ADMINISTRATOR)
    services.transfer_membership(actor=admin, user=user, to_unit=province, effective_on=D(2025, 7, 1),
                                 reason="Work passed to the province")
    page = client.get(reverse("accounts:me"), {"as_of": "2026-11-30"})
    text = page.content.decode()
    assert "Work passed to the province" in text and "01/07/2025" in text
    assert page.context["notice"] == ""
