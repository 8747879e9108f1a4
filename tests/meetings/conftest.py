import datetime

import pytest

from helpers_meetings import docx_file
from mandate.accounts.models import Role
from mandate.core.testing import make_user
from mandate.meetings import services
from mandate.meetings.models import ItemKind
from mandate.orgs.models import UnitKind
from mandate.orgs.services import create_unit

MEETING_DAY = datetime.date(2021, 5, 25)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def standing(tree):
    return create_unit(code="standing-committee", name_vi="Ban Thường vụ Tỉnh ủy",
                       name_en="Standing Committee", kind=UnitKind.STANDING_COMMITTEE, parent=tree.province)


@pytest.fixture
def executive(tree):
    return create_unit(code="executive-committee", name_vi="Ban Chấp hành Đảng bộ tỉnh",
                       name_en="Executive Committee", kind=UnitKind.EXECUTIVE_COMMITTEE, parent=tree.province)


@pytest.fixture
def people(tree):
    return {
        "clerk": make_user("clerk", tree.province, Role.APPROVER),
        "secretary": make_user("secretary", tree.province, Role.VIEWER),
        "deputy": make_user("deputy", tree.province, Role.VIEWER),
        "outsider": make_user("outsider", tree.province, Role.VIEWER),
    }


@pytest.fixture
def body(standing, people):
    body = services.create_body(actor=None, unit=standing, term="2020-2025")
    services.add_member(actor=None, body=body, user=people["secretary"], position="Bí thư Tỉnh ủy")
    services.add_member(actor=None, body=body, user=people["deputy"], position="Phó Bí thư Thường trực Tỉnh ủy")
    services.add_member(actor=None, body=body, user=people["clerk"], position="Chánh Văn phòng Tỉnh ủy",
                        is_clerk=True, is_voting=False)
    return body


@pytest.fixture
def meeting(body, people):
    return services.schedule_meeting(actor=people["clerk"], body=body, number=8, held_on=MEETING_DAY,
                                     place="Trụ sở Tỉnh ủy", chair=body.members.get(user=people["secretary"]))


@pytest.fixture
def item(meeting, people, tree):
    return services.add_item(actor=people["clerk"], meeting=meeting, title="Dự thảo nghị quyết phát triển thành phố",
                             kind=ItemKind.DRAFT_RESOLUTION, presenting_unit=tree.department,
                             file=docx_file(["Mục tiêu chung", "Đến năm 2030 thành phố đạt đô thị loại II"]))


@pytest.fixture
def secret_item(meeting, people):
    return services.add_item(actor=people["clerk"], meeting=meeting, title="Công tác cán bộ: phương án nhân sự XYZ",
                             kind=ItemKind.PERSONNEL, summary="Nội dung mật về nhân sự XYZ",
                             file=docx_file(["Phương án nhân sự XYZ"], name="nhan-su.docx"))
