"""Reference data the elections app needs in every database: the standard legal schedule of
an election (migration 0002 added it first, from these lines). ``post_migrate``
puts it back after anything that empties the tables without migrating (``flush``,
``load_demo --reset``, a transactional test's cleanup). Only an empty schedule is filled, so
an administrator's changes stay."""

from django.apps import apps as global_apps
from django.db import router

LAW = "Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân"
MILESTONES = [
    # (title vi, title en, days before, responsible level, article)
    ("Thành lập Ủy ban bầu cử", "Establish the election committee", 105, "province", "Điều 22"),
    ("Thành lập Ủy ban bầu cử cấp xã", "Establish the commune-level election committee", 105, "commune", "Điều 22"),
    ("Tổ chức Hội nghị hiệp thương lần thứ nhất", "Hold the first consultative conference", 95, "province",
     "Điều 38, 50"),
    ("Ấn định, công bố số đơn vị bầu cử và số đại biểu được bầu", "Fix and announce the constituencies and seats",
     80, "province", "Điều 11"),
    ("Thành lập Ban bầu cử", "Establish the constituency election boards", 70, "province", "Điều 24"),
    ("Tổ chức Hội nghị hiệp thương lần thứ hai", "Hold the second consultative conference", 65, "province",
     "Điều 45, 54"),
    ("Thành lập Tổ bầu cử ở các khu vực bỏ phiếu", "Establish the voting teams of the voting areas", 45, "commune",
     "Điều 25"),
    ("Niêm yết danh sách cử tri", "Post the voter lists", 40, "commune", "Điều 32"),
    ("Tổ chức Hội nghị hiệp thương lần thứ ba", "Hold the third consultative conference", 35, "province",
     "Điều 48, 57"),
    ("Công bố danh sách chính thức những người ứng cử", "Publish the official candidate lists", 20, "province",
     "Điều 57"),
    ("Kết thúc vận động bầu cử (trước thời điểm bắt đầu bỏ phiếu 24 giờ)", "End of campaigning (24 hours before voting)",
     1, "commune", "Điều 64"),
    ("Công bố kết quả bầu cử và danh sách người trúng cử", "Announce the results and the deputies elected", -10,
     "province", "Điều 86"),
]


def ensure_reference_data(sender, using="default", apps=None, **kwargs):
    try:
        LegalMilestone = (apps or global_apps).get_model("elections", "LegalMilestone")
    except LookupError:
        return  # a partial migrate (``migrate targets 0005``) before the elections tables exist
    if not router.allow_migrate_model(using, LegalMilestone) or LegalMilestone.objects.using(using).exists():
        return
    LegalMilestone.objects.using(using).bulk_create(
        LegalMilestone(title_vi=vi, title_en=en, days_before=days, responsible_level=level,
                       legal_basis=f"{article} {LAW}", sort_order=order)
        for order, (vi, en, days, level, article) in enumerate(MILESTONES, start=1))
