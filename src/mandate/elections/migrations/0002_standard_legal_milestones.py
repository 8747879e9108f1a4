"""The standard legal schedule of an election of deputies, as data: each step counted in days
from election day (the 2015 Law on the Election of Deputies to the National Assembly and
People's Councils). Administrators may change the numbers or add steps."""

from django.db import migrations

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


def seed(apps, schema_editor):
    LegalMilestone = apps.get_model("elections", "LegalMilestone")
    for order, (vi, en, days, level, article) in enumerate(MILESTONES, start=1):
        LegalMilestone.objects.create(title_vi=vi, title_en=en, days_before=days, responsible_level=level,
                                      legal_basis=f"{article} {LAW}", sort_order=order)


def unseed(apps, schema_editor):
    apps.get_model("elections", "LegalMilestone").objects.filter(
        title_vi__in=[m[0] for m in MILESTONES]).delete()


class Migration(migrations.Migration):
    dependencies = [("elections", "0001_elections_bodies_constituencies_figures")]
    operations = [migrations.RunPython(seed, unseed)]
