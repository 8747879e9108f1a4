"""Reference data the party app needs in every database: the rule set of Regulation
124-QĐ/TW (migration 0002 holds the same figures, frozen as migrations are). ``post_migrate``
puts it back after anything that empties the tables without migrating (``flush``,
``load_demo --reset``, a transactional test's cleanup). Only a missing rule set is created,
so an administrator's edits stay."""

from django.apps import apps as global_apps
from django.db import router

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


def ensure_reference_data(sender, using="default", apps=None, **kwargs):
    RatingRuleSet = (apps or global_apps).get_model("party", "RatingRuleSet")
    if not router.allow_migrate_model(using, RatingRuleSet):
        return
    RatingRuleSet.objects.using(using).get_or_create(
        code=RULES["code"], defaults={k: v for k, v in RULES.items() if k != "code"})
