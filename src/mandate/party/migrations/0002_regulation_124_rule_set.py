"""Regulation 124-QĐ/TW as a rating rule set (data, not code)."""

from django.db import migrations

RULES = {
    "code": "124-qd-tw",
    "name": "Quy định 124-QĐ/TW về kiểm điểm, đánh giá, xếp loại chất lượng hằng năm",
    "grades": [
        {"code": "excellent", "label_vi": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "Completed tasks excellently",
         "well_or_better": True},
        {"code": "well", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "Completed tasks well",
         "well_or_better": True},
        {"code": "completed", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "Completed tasks",
         "well_or_better": False},
        {"code": "not_completed", "label_vi": "Không hoàn thành nhiệm vụ", "label_en": "Did not complete tasks",
         "well_or_better": False},
    ],
    "excellent": "excellent",
    "quota_percent": "20",
    "rounding": "down",
    "minimum_allowed": 0,
    "points_bands": [],
}


def add(apps, schema_editor):
    RatingRuleSet = apps.get_model("party", "RatingRuleSet")
    RatingRuleSet.objects.update_or_create(code=RULES["code"], defaults={k: v for k, v in RULES.items() if k != "code"})


def remove(apps, schema_editor):
    apps.get_model("party", "RatingRuleSet").objects.filter(code=RULES["code"], campaigns__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("party", "0001_members_ratings_inspections")]
    operations = [migrations.RunPython(add, remove)]
