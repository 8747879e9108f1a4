import pytest

from mandate.targets.services import approve_value, create_target, enter_value, set_allocation


@pytest.fixture
def season(plan, tree, users):
    """City targets for 2023 the communes report: a share (members), an average rate with
    a part of it (well rated / excellent), plus Hoang Dong's first-half members approved."""
    admin = users["admin"]
    members = create_target(actor=admin, document=plan, org_unit=tree.city, indicator="Kết nạp đảng viên mới",
                            unit_of_measure="đảng viên", value=100, comparator="at_least", period="2023", sort_order=1)
    for unit, share in ((tree.hoang_dong, 40), (tree.mai_pha, 30), (tree.chi_lang, 30)):
        set_allocation(actor=admin, target=members, org_unit=unit, value=share)
    well = create_target(actor=admin, document=plan, org_unit=tree.city, indicator="Tổ chức đảng xếp loại tốt",
                         unit_of_measure="%", value=90, comparator="at_least", aggregation="average", period="2023",
                         sort_order=2)
    excellent = create_target(actor=admin, document=plan, org_unit=tree.city, indicator="Trong đó: xuất sắc",
                              unit_of_measure="%", value=20, comparator="at_least", aggregation="average",
                              period="2023", parent=well, sort_order=3)
    rv = enter_value(actor=users["hd_reporter"], target=members, org_unit=tree.hoang_dong, period="2023-H1",
                     value=20, submit=True)
    approve_value(rv, actor=users["city_approver"], expected_version=rv.version)
    return {"members": members, "well": well, "excellent": excellent}
