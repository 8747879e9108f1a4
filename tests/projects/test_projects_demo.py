import datetime
from decimal import Decimal

from mandate.movements import demo_data as movement_demo
from mandate.movements.models import RegistrationState
from mandate.projects import demo_data as project_demo
from mandate.projects.models import InvestmentProject
from mandate.projects.queries import totals


def test_demo_data_matches_the_seed(tree):
    movement = movement_demo.load(None)
    assert movement.document.number == "129/KH-UBND" and movement.occasion_date == datetime.date(2023, 6, 15)
    assert movement.registrations.filter(state=RegistrationState.APPROVED, task__isnull=False).count() == 8
    assert movement.commendations.filter(is_demo=True).count() == 2
    project_demo.load(None)
    t = totals(InvestmentProject.objects.with_figures(datetime.date(2023, 12, 31)))
    assert t["count"] == 38 and t["planned"] == Decimal("233900000000")
    early = InvestmentProject.objects.filter(completed_on__lt=datetime.date(2023, 6, 15))
    assert {p.name[:20] for p in early} == {"Xây dựng công viên p", "Cải tạo, nâng cấp hệ"}
    assert InvestmentProject.objects.filter(planned_completion=datetime.date(2023, 12, 31)).count() == 12
    # Loading twice changes nothing.
    assert movement_demo.load(None).pk == movement.pk
    project_demo.load(None)
    assert InvestmentProject.objects.count() == 38
