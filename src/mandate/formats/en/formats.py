# English formats: Django's own, with dates typed as ISO (2025-06-30) or day first (30/06/2025),
# never month first, so a date means the same in both languages.
from django.conf.locale.en.formats import *  # noqa: F403

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d"]
NUMBER_GROUPING = 3
