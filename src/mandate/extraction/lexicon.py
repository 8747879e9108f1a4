"""Cue words per language, as regular-expression fragments.

Everything language-specific that is *not* locale data lives here: the words that mark a
goal (target) or an achievement (figure), time-limit prepositions, comparators, and the
nouns that make a number a label rather than a quantity. Month names come from
dateparser's locale data and number symbols / scale words from Babel (see ``dates`` and
``numbers``), not from this file.

Fragments are joined with ``|`` and compiled case-insensitively with word boundaries by
the modules that use them. Keep each list general (parts of speech, not phrases from
one text).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Lexicon:
    # Target cues. strong: the sentence states a goal; weak: future or obligation only.
    target_strong: tuple[str, ...] = ()
    target_weak: tuple[str, ...] = ()
    # Figure cues. "marker": explicit past/present-state markers that a goal cue cannot
    # scope over ("has", "đã", "up to now"); "verb": achievement verbs that are goals when
    # a target cue stands just before them ("phấn đấu đạt", "soll erreicht werden").
    figure_marker: tuple[str, ...] = ()
    figure_verb: tuple[str, ...] = ()
    figure_weak_verb: tuple[str, ...] = ()
    # "exceeded the target", "hoàn thành chỉ tiêu": a target noun reported as met.
    target_met: tuple[str, ...] = ()
    # Time-limit prepositions placed before a time expression.
    deadline_strong: tuple[str, ...] = ()
    deadline_weak: tuple[str, ...] = ()
    governing: tuple[str, ...] = ()  # "in 2023", "năm 2023": the year a statement is about
    # Cues that change a time limit: the date after them is the new limit ("brought forward to",
    # "extended until", "rút ngắn thời hạn ... xuống", "lùi thời hạn đến"), whatever the tense.
    deadline_change: tuple[str, ...] = ()
    not_deadline: tuple[str, ...] = ()  # since, compared with, as of, vision to...
    # Comparators around a number.
    at_least_before: tuple[str, ...] = ()
    at_least_after: tuple[str, ...] = ()
    at_most_before: tuple[str, ...] = ()
    at_most_after: tuple[str, ...] = ()
    increase_before: tuple[str, ...] = ()
    decrease_before: tuple[str, ...] = ()
    increase_after: tuple[str, ...] = ()
    decrease_after: tuple[str, ...] = ()
    between_open: tuple[str, ...] = ()  # "between" / "từ" before the first number
    range_joiners: tuple[str, ...] = ()  # words joining the two ends of a range
    # Words that make the following number a label (No. 5, Article 3, Route 1...).
    labels: tuple[str, ...] = ()
    # Words after a number that make it an age or a time of day.
    age_after: tuple[str, ...] = ()
    clock_after: tuple[str, ...] = ()
    # Per-capita denominators: "per 10,000 people".
    per: tuple[str, ...] = ()
    # Unit words: words that end a counted-noun unit, fillers skipped at its start,
    # and nouns that count parts of a plan rather than results ("3 breakthroughs").
    unit_stop: tuple[str, ...] = ()
    unit_fillers: tuple[str, ...] = ()
    meta_nouns: tuple[str, ...] = ()
    percent_words: tuple[str, ...] = ()
    # Words introducing a document title after its number ("on", "về", "über"...).
    title_preps: tuple[str, ...] = ()
    issue_verbs: tuple[str, ...] = ()
    # Connectors between coordinated document references ("18-NQ/TW and 19-NQ/TW dated ...").
    doc_date_links: tuple[str, ...] = ()
    # Time vocabulary for expressions without month names.
    end_of: tuple[str, ...] = ()
    quarter: tuple[str, ...] = ()
    half: tuple[str, ...] = ()
    first_half: tuple[str, ...] = ()
    ordinal_words: dict[str, int] = field(default_factory=dict)
    year_word: tuple[str, ...] = ()
    heading_result: tuple[str, ...] = ()  # heading words that open a section of results
    # A number right after one of these is a baseline, i.e. a figure: "up from 28%", "contre 12 %".
    baseline_before: tuple[str, ...] = ()
    # A number followed by one of these (same clause) states the present: "28% at present".
    present_after: tuple[str, ...] = ()
    # Sentence openers that continue the previous sentence ("Trong đó, ...", "Of these, ..."):
    # the sentence inherits the year the previous one is about.
    continuation: tuple[str, ...] = ()


_ORD_EN = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}

EN = Lexicon(
    target_strong=(
        r"targets?", r"targeted", r"targeting", r"goals?", r"aims?", r"aimed", r"aiming", r"objectives?",
        r"striv(?:e|es|ed|ing)", r"strove", r"plans?\s+to", r"planned\s+to", r"planning\s+to",
        r"intends?\s+to", r"seeks?\s+to", r"sets?\s+out\s+to", r"commit(?:s|ted)?\s+to",
        r"determined\s+to", r"(?:is|are)\s+to\s+be", r"to\s+be\s+(?:reduced|increased|raised|cut|reached|achieved|completed)",
        r"ensure", r"ensuring", r"strategy\s+(?:is|calls)", r"calls?\s+for", r"seeking\s+to",
    ),
    target_weak=(r"will", r"shall", r"must", r"needs?\s+to", r"should", r"expected\s+to", r"projected\s+to", r"expects?",
                 r"going\s+to", r"forecast\s+to", r"is\s+set\s+to", r"are\s+set\s+to"),
    figure_marker=(
        r"(?<!will\s)(?<!to\s)(?<!shall\s)(?<!must\s)(?<!should\s)(?<!would\s)(?<!may\s)(?<!might\s)(?<!could\s)"
        r"(?<!can\s)(?:has|have|had)(?!\s+to\b)",
        r"was", r"were", r"up\s+to\s+now", r"to\s+date", r"so\s+far", r"as\s+of", r"currently", r"at\s+present",
        r"(?:over|in)\s+the\s+same\s+period", r"same\s+period", r"last\s+year",
        r"previous\s+(?:year|term|period)", r"there\s+(?:were|was|are|is)",
    ),
    figure_verb=(
        r"reached", r"achieved", r"recorded", r"increased", r"decreased", r"declined", r"rose", r"fell", r"grew",
        r"totall?ed", r"amounted", r"exceeded", r"exceeding", r"surpassed", r"stood\s+at", r"attracted",
        r"welcomed", r"handled", r"detected", r"inspected", r"supervised", r"reported", r"disbursed",
        r"reaching", r"hit", r"accounted\s+for", r"accounting\s+for", r"met", r"completed", r"held", r"brought",
        r"gathered", r"attended", r"organi[sz]ed", r"launched", r"opened", r"built", r"constructed", r"created",
        r"trained", r"granted", r"received", r"registered", r"provided", r"supported", r"admitted", r"recruited",
        r"visited", r"served", r"produced", r"exported", r"imported", r"collected", r"saw", r"went", r"became",
    ),
    target_met=(
        r"(?:exceed\w*|surpass\w*|complet\w*|achiev\w*|fulfill?\w*|reach\w*|met|meet\w*|beat|beating|missed)"
        r"(?:\s+(?:by\s+)?(?:about\s+|nearly\s+|over\s+)?[\d.,]+\s*%?)?\s+(?:all\s+|the\s+|its\s+|their\s+)?"
        r"(?:\w+\s+){0,2}?(?:targets?|goals?|plan)",
    ),
    deadline_strong=(r"deadline\s+(?:for|to)\s+(?:\w+\s+){0,6}?(?:is|was)",
                     r"by", r"before", r"no\s+later\s+than", r"not\s+later\s+than", r"prior\s+to", r"within",
                     r"due\s+by", r"deadline(?:\s+of|\s+is)?", r"by\s+no\s+later\s+than"),
    deadline_weak=(r"until", r"till", r"through", r"up\s+to"),
    deadline_change=(r"brought\s+(?:\w+\s+)?forward\s+to", r"moved\s+(?:\w+\s+)?(?:up\s+|forward\s+|back\s+)?to", r"extended\s+(?:to|until|till|through)",
                     r"postponed\s+(?:\w+\s+)?(?:to|until|till)", r"pushed\s+(?:\w+\s+)?back\s+to", r"deferred\s+(?:to|until)", r"delayed\s+(?:to|until)",
                     r"shortened\s+to", r"advanced\s+to", r"rescheduled\s+(?:to|for)", r"(?:new|revised)\s+deadline\s+(?:is|of)"),
    governing=(r"in", r"for", r"during", r"in\s+the\s+year"),
    not_deadline=(r"originally\s+(?:set|planned|scheduled|due|fixed)(?:\s+(?:for|at|as))?", r"initially\s+(?:set|planned|scheduled|due)(?:\s+(?:for|at|as))?",
                  r"(?:the\s+)?(?:previous|original|old)\s+deadline(?:\s+of)?", r"instead\s+of", r"rather\s+than",
                  r"since", r"from", r"compared\s+(?:to|with)", r"than", r"as\s+(?:of|at)", r"vision\s+(?:to|until)",
                  r"orientation\s+(?:to|until|towards)", r"vision", r"orientation", r"towards?", r"versus", r"vs\.?"),
    at_least_before=(r"at\s+least", r"(?:a\s+)?minimum\s+of", r"minimum", r"no\s+(?:less|fewer)\s+than",
                     r"not\s+(?:less|fewer)\s+than", r"more\s+than", r"over", r"exceed(?:ing)?", r"surpass(?:ing)?", r"above", r"in\s+excess\s+of", r"upwards\s+of"),
    at_least_after=(r"or\s+more", r"or\s+above", r"or\s+higher", r"and\s+above", r"and\s+more"),
    at_most_before=(r"at\s+most", r"(?:a\s+)?maximum\s+of", r"maximum", r"no\s+more\s+than", r"not\s+more\s+than",
                    r"not\s+exceeding", r"not\s+to\s+exceed", r"less\s+than", r"fewer\s+than", r"under", r"below", r"up\s+to"),
    at_most_after=(r"or\s+less", r"or\s+fewer", r"or\s+below", r"or\s+lower", r"at\s+most"),
    increase_before=(r"increas\w*\s+(?:\w+\s+){0,3}by", r"an\s+increase\s+of", r"rais\w*\s+(?:\w+\s+){0,3}by", r"ris\w*\s+by",
                     r"grow\w*\s+by", r"grew\s+by", r"up\s+by", r"boost\w*\s+by", r"increase", r"add(?:ing)?"),
    decrease_before=(r"decreas\w*\s+(?:\w+\s+){0,3}by", r"a\s+decrease\s+of", r"reduc\w*\s+(?:\w+\s+){0,3}by", r"a\s+reduction\s+of",
                     r"cut\w*\s+(?:\w+\s+){0,3}by", r"down\s+by", r"fall\w*\s+by", r"fell\s+by", r"declin\w*\s+by",
                     r"lower\w*\s+(?:\w+\s+)?by", r"reduc(?:e|es|ed|ing)", r"cut(?:ting)?", r"decreas(?:e|es|ed|ing)",
                     r"eliminat\w*"),
    between_open=(r"between", r"from"),
    range_joiners=(r"to", r"and"),
    labels=(r"No\.?", r"Nos\.?", r"Number", r"#", r"Article", r"Art\.", r"Clause", r"Section", r"Chapter", r"Part",
            r"Item", r"Point", r"Resolution", r"Plan", r"Decision", r"Conclusion", r"Directive", r"Regulation",
            r"Decree", r"Circular", r"Notice", r"Report", r"Program(?:me)?", r"Route", r"Highway", r"Road",
            r"Street", r"Region", r"Zone", r"District", r"Ward", r"Km", r"Page", r"Table", r"Figure", r"Photo",
            r"Session", r"Congress", r"Conference", r"Plenum", r"Grade", r"Phase", r"Stage", r"Version", r"Term",
            r"Lot", r"Package", r"Hamlet", r"Village", r"Precinct", r"Level"),
    age_after=(r"years?[\s-]+old", r"year-olds?", r"-year-old", r"years?\s+of\s+age", r"aged"),
    clock_after=(r"a\.?m\.?", r"p\.?m\.?", r"o'clock", r"hrs", r"h"),
    per=(r"per", r"for\s+every", r"every", r"out\s+of", r"of\s+every"),
    unit_stop=(
        "of", "with", "in", "on", "at", "for", "to", "by", "from", "than", "that", "which", "who", "whose", "are",
        "is", "were", "was", "have", "has", "had", "will", "be", "been", "being", "compared", "or", "per", "into",
        "under", "over", "each", "a", "an", "the", "this", "these", "those", "its", "their", "while", "when",
        "where", "as", "after", "before", "during", "within", "until", "since", "including", "among", "according",
        "respectively", "about", "and", "but", "also", "so", "not", "such", "then", "both", "all", "more", "less",
        "meeting", "achieving", "completing", "reaching", "using", "participating", "having", "getting", "taking",
        "making", "being", "covering", "accounting", "bringing", "exceeding", "reducing", "increasing", "compared",
        "higher", "lower", "above", "below", "up", "down", "only", "already", "still", "directly", "no", "later",
    ),
    unit_fillers=("more", "other", "additional", "further", "extra", "new", "fewer", "less"),
    meta_nouns=(
        "target", "targets", "goal", "goals", "objective", "objectives", "task", "tasks", "solution", "solutions",
        "breakthrough", "breakthroughs", "group", "groups", "program", "programs", "programme", "programmes",
        "issue", "issues", "content", "contents", "measure", "measures", "step", "steps", "point", "points",
        "item", "items", "pillar", "pillars", "priority", "priorities", "principle", "principles", "year",
        "years", "month", "months", "day", "days", "week", "weeks", "hour", "hours", "minute", "minutes", "times",
        "time", "session", "sessions", "meeting", "meetings", "resolution", "resolutions", "directive", "directives",
        "chapter", "chapters", "article", "articles", "section", "sections", "part", "parts", "criteria", "contest",
        "phase", "phases", "stage", "stages", "term", "terms", "orientation", "orientations", "viewpoint", "viewpoints",
        "lesson", "lessons", "key",
    ),
    percent_words=(r"percent", r"per\s+cent", r"pct", r"percentage\s+points?", r"pp"),
    title_preps=(r"on", r"regarding", r"concerning", r"about"),
    issue_verbs=(r"issued", r"promulgated", r"signed", r"adopted", r"passed", r"released", r"approved", r"enacted"),
    doc_date_links=(r"and", r"as\s+well\s+as", r","),
    end_of=(r"(?:the\s+)?end\s+of(?:\s+the)?",),
    quarter=(r"quarter",),
    half=(r"half",),
    first_half=(),
    ordinal_words=_ORD_EN,
    year_word=(r"year",),
    heading_result=(r"results?", r"achievements?", r"situation", r"performance", r"review", r"outcomes?"),
    baseline_before=(r"up\s+from", r"down\s+from", r"compared\s+(?:with|to)", r"versus", r"vs\.?", r"as\s+against",
                     r"against", r"from\s+(?:just|only)"),
    present_after=(r"at\s+present", r"currently", r"today", r"now", r"at\s+the\s+moment", r"at\s+the\s+time"),
    continuation=(r"of\s+(?:these|which|them|this)", r"among\s+(?:them|these)", r"specifically", r"in\s+particular",
                  r"in\s+which", r"accordingly"),
)

VI = Lexicon(
    target_strong=(
        r"phấn\s+đấu", r"mục\s+tiêu", r"chỉ\s+tiêu", r"đề\s+ra", r"đặt\s+ra", r"hướng\s+tới", r"hướng\s+đến",
        r"nhằm", r"bảo\s+đảm", r"đảm\s+bảo", r"quyết\s+tâm", r"kế\s+hoạch\s+đặt\s+ra", r"yêu\s+cầu",
        r"tập\s+trung\s+đạt", r"định\s+hướng\s+đạt", r"giao\s+chỉ\s+tiêu", r"dự\s+kiến\s+sẽ",
    ),
    target_weak=(r"sẽ", r"cần", r"phải", r"dự\s+kiến", r"tiếp\s+tục", r"trong\s+thời\s+gian\s+tới", r"sắp\s+tới",
                 r"năm\s+tới", r"đôn\s+đốc", r"để",
                 # normative bounds: a rule sets them, a report rarely does
                 r"tối\s+thiểu", r"tối\s+đa", r"không\s+quá", r"không\s+vượt\s+quá", r"không\s+thấp\s+hơn",
                 r"không\s+dưới", r"không\s+ít\s+hơn"),
    figure_marker=(
        r"đã", r"đến\s+nay", r"tới\s+nay", r"hiện\s+nay", r"hiện\s+có", r"hiện\s+tại", r"tính\s+đến",
        r"cùng\s+kỳ", r"năm\s+qua", r"vừa\s+qua", r"ước\s+đạt", r"ước\s+tính", r"ước\s+thực\s+hiện",
        r"đạt\s+được", r"thực\s+hiện\s+được", r"được(?=\s+(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?\d)", r"bằng(?=\s+\d)", r"ghi\s+nhận", r"trước\s+đây",
        r"nhiệm\s+kỳ\s+qua", r"giai\s+đoạn\s+vừa\s+qua", r"lũy\s+kế", r"luỹ\s+kế", r"vẫn\s+còn",
    ),
    # Vietnamese verbs do not inflect: "đạt", "hoàn thành", "giảm", "thu hút" read the same in a plan and in a
    # report, so only markers ("đã", "đến nay") are strong; the verbs named as results are weak.
    figure_verb=(),
    figure_weak_verb=(r"đạt", r"hoàn\s+thành", r"vượt"),
    target_met=(r"(?:vượt|hoàn\s+thành|đạt)\s+(?:và\s+vượt\s+)?(?:mức\s+)?(?:[\d.,]+\s*%\s+)?(?:các\s+|toàn\s+bộ\s+|\w+\s+){0,2}?"
                r"(?:chỉ\s+tiêu|kế\s+hoạch|mục\s+tiêu|dự\s+toán)",),
    deadline_strong=(r"trước", r"trước\s+ngày", r"chậm\s+nhất(?:\s+là)?(?:\s+vào)?", r"muộn\s+nhất(?:\s+là)?",
                     r"hạn\s+chót(?:\s+là)?", r"không\s+muộn\s+hơn", r"xong\s+trước", r"thời\s+hạn(?:\s+hoàn\s+thành)?",
                     r"hạn"),
    deadline_weak=(r"đến", r"tới", r"trong", r"vào", r"đến\s+hết", r"hết", r"đến\s+cuối", r"ngay\s+trong"),
    deadline_change=(r"xuống(?:\s+còn)?", r"(?:rút\s+ngắn|điều\s+chỉnh|đẩy\s+sớm)\s+(?:\S+\s+){0,6}?(?:xuống|còn|về|thành|đến|tới)",
                     r"(?:lùi|dời|gia\s+hạn|kéo\s+dài|hoãn|chuyển)\s+(?:\S+\s+){0,6}?(?:đến|tới|sang)",
                     r"thời\s+hạn\s+mới(?:\s+là)?"),
    governing=(r"năm", r"trong\s+năm", r"cho\s+năm"),
    not_deadline=(r"ban\s+đầu(?:\s+là)?", r"thay\s+vì", r"(?:thời\s+hạn\s+)?cũ(?:\s+là)?",
                  r"từ", r"kể\s+từ", r"so\s+với", r"tính\s+đến", r"tầm\s+nhìn(?:\s+đến)?", r"định\s+hướng(?:\s+đến)?",
                  r"hơn", r"sau", r"tính\s+từ"),
    at_least_before=(r"ít\s+nhất(?:\s+là)?", r"tối\s+thiểu(?:\s+là)?", r"không\s+dưới", r"không\s+thấp\s+hơn",
                     r"không\s+ít\s+hơn", r"trên", r"hơn", r"vượt"),
    at_least_after=(r"trở\s+lên", r"trở\s+lại", r"trở\s+đi"),
    at_most_before=(r"không\s+quá", r"dưới", r"tối\s+đa(?:\s+là)?", r"không\s+vượt\s+quá", r"không\s+cao\s+hơn",
                    r"không\s+nhiều\s+hơn", r"thấp\s+hơn", r"xuống\s+dưới", r"còn\s+dưới"),
    at_most_after=(r"trở\s+xuống", r"trở\s+lại\s+đây"),
    increase_before=(r"(?<!tốc\s)tăng(?!\s+trưởng)(?:\s+thêm)?(?:\s+bình\s+quân)?", r"tăng\s+thêm", r"nâng\s+thêm",
                     r"mức\s+tăng", r"có\s+thêm", r"xây\s+dựng\s+thêm", r"phát\s+triển\s+thêm", r"cao\s+hơn"),
    decrease_before=(r"giảm(?!\s+(?:xuống|còn))(?:\s+thêm)?(?:\s+bình\s+quân)?", r"cắt\s+giảm(?:\s+thêm)?",
                     r"giảm\s+bớt", r"tinh\s+giản(?:\s+thêm)?", r"sắp\s+xếp\s+giảm(?:\s+thêm)?", r"mức\s+giảm",
                     r"thấp\s+hơn"),
    between_open=(r"từ", r"khoảng\s+từ", r"trong\s+khoảng"),
    range_joiners=(r"đến", r"tới", r"-"),
    labels=(r"số", r"Số", r"thứ", r"lần\s+thứ", r"khóa", r"khoá", r"Điều", r"khoản", r"điểm", r"Chương", r"Mục",
            r"Phần", r"Quốc\s+lộ", r"Tỉnh\s+lộ", r"Đường", r"Quận", r"Phường", r"Khu", r"Tổ", r"Thôn", r"Bản",
            r"Khối", r"Km", r"Nghị\s+quyết", r"Kế\s+hoạch", r"Quyết\s+định", r"Kết\s+luận", r"Chỉ\s+thị",
            r"Quy\s+định", r"Thông\s+báo", r"Báo\s+cáo", r"Chương\s+trình", r"Công\s+văn", r"Tờ\s+trình",
            r"Nghị\s+định", r"Thông\s+tư", r"Luật", r"Hình", r"Bảng", r"Ảnh", r"trang", r"kỳ\s+họp", r"Đại\s+hội",
            r"Hội\s+nghị", r"Trung\s+ương", r"Lô", r"Gói\s+thầu", r"Dự\s+án", r"Phân\s+khu", r"Cụm", r"Vùng",
            r"Quân\s+khu", r"Sư\s+đoàn", r"Tiểu\s+khu", r"nhóm", r"hạng", r"loại", r"lớp", r"đợt", r"giai\s+đoạn",
            r"tháng", r"ngày", r"quý", r"năm", r"đô\s+thị\s+loại"),
    age_after=(r"tuổi",),
    clock_after=(r"giờ", r"h", r"phút"),
    # "trên" is "per" only after a quantity ("11,2 bác sĩ trên 10.000 dân"); else it is "over" (at least).
    per=(r"\d\s?%?(?:\s+(?!(?:đạt|là|có|chiếm|được|bằng|tuổi|tăng|giảm|còn|lên|xuống|ở|vượt|và)(?!\w))[^\W\d_]+){1,5}\s+trên",
         r"/", r"mỗi", r"cho\s+mỗi", r"trên\s+mỗi"),
    unit_stop=(
        "đạt", "trở", "lên", "xuống", "so", "với", "của", "trong", "tại", "và", "được", "là", "có", "đã", "sẽ",
        "theo", "trên", "mỗi", "cho", "để", "từ", "đến", "tới", "tăng", "giảm", "bằng", "như", "chiếm", "gồm",
        "thuộc", "về", "ở", "nhằm", "hoàn", "thực", "vượt", "năm", "trước", "sau", "khi", "nhưng", "hoặc", "hay",
        "với", "do", "vì", "nên", "thì", "mà", "này", "đó", "kia", "các", "những", "một", "cả", "đều", "cùng",
        "bình", "khoảng", "gần", "hơn", "trên", "dưới", "tối", "ít", "không", "chưa", "vẫn", "còn", "nữa", "thêm",
        "tham", "sử", "đang", "vào", "ra", "qua", "lại", "đi", "ngày", "tháng", "quý", "được", "đạt", "kết", "dự",
        "trồng", "xây", "làm", "đưa", "giúp", "nhằm",
    ),
    unit_fillers=("thêm", "mới", "khác"),
    meta_nouns=(
        "chỉ tiêu", "mục tiêu", "nhiệm vụ", "giải pháp", "đột phá", "khâu đột phá", "nhóm", "chương trình",
        "nội dung", "vấn đề", "quan điểm", "trụ cột", "năm", "tháng", "ngày", "tuần", "giờ", "phút", "lần", "kỳ",
        "khóa", "nghị quyết", "chỉ thị", "kế hoạch", "đề án", "điều", "khoản", "chương", "mục", "phần",
        "lĩnh vực", "nhiệm kỳ", "giai đoạn", "bước", "điểm", "buổi", "cuộc họp", "phiên", "đợt", "tiết",
    ),
    percent_words=(r"phần\s+trăm",),
    title_preps=(r"về", r"về\s+việc", r"quy\s+định\s+về"),
    issue_verbs=(r"ban\s+hành", r"ký", r"thông\s+qua", r"công\s+bố", r"phê\s+duyệt"),
    doc_date_links=(r"và", r","),
    end_of=(r"cuối", r"hết", r"cuối\s+năm", r"hết\s+năm"),
    quarter=(r"quý",),
    half=(r"tháng\s+đầu", r"tháng\s+cuối"),
    first_half=(r"6\s+tháng\s+đầu(?:\s+năm)?", r"sáu\s+tháng\s+đầu(?:\s+năm)?", r"nửa\s+đầu(?:\s+năm)?"),
    ordinal_words={"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4, "một": 1, "hai": 2, "ba": 3, "bốn": 4},
    year_word=(r"năm",),
    heading_result=(r"kết\s+quả", r"tình\s+hình", r"đánh\s+giá", r"thực\s+trạng", r"đạt\s+được"),
    baseline_before=(r"so\s+với(?:\s+mức)?", r"từ\s+mức", r"cao\s+hơn\s+mức(?:\s+tăng)?", r"thấp\s+hơn\s+mức"),
    present_after=(r"hiện\s+nay", r"hiện\s+tại", r"như\s+hiện\s+nay"),
    continuation=(r"trong\s+đó", r"cụ\s+thể", r"theo\s+đó", r"riêng"),
)

DE = Lexicon(
    target_strong=(r"sieht(?=(?:\s+\S+){0,12}?\s+vor\b)", r"sehen(?=(?:\s+\S+){0,12}?\s+vor\b)", r"Ziel\w*", r"zielt", r"angestrebt", r"anstreben", r"strebt", r"streben", r"soll", r"sollen",
                   r"sollten", r"plant", r"planen", r"geplant", r"vorgesehen", r"beabsichtigt", r"will", r"wollen",
                   r"Zielmarke", r"Zielwert", r"anvisiert", r"verpflichtet\s+sich"),
    target_weak=(r"wird", r"werden", r"muss", r"müssen", r"ist\s+zu", r"sind\s+zu", r"erwartet"),
    figure_marker=(r"hat", r"haben", r"hatte", r"hatten", r"war", r"waren", r"wurde", r"wurden", r"bislang", r"bisher",
                   r"derzeit", r"aktuell", r"im\s+vergangenen\s+Jahr", r"zuletzt", r"verzeichnete\w*", r"betrug", r"lag\s+bei"),
    figure_verb=(r"erreicht", r"erreichte\w*", r"stieg", r"sank", r"gestiegen", r"gesunken", r"wuchs", r"übertroffen",
                 r"übertraf", r"erzielt\w*"),
    target_met=(r"(?:Ziel\w*|Plan)\s+(?:\w+\s+){0,2}?(?:erreicht|übertroffen|verfehlt)",),
    deadline_strong=(r"bis", r"bis\s+zum", r"bis\s+zur", r"bis\s+spätestens", r"spätestens(?:\s+am|\s+bis)?", r"vor\s+dem",
                     r"vor", r"bis\s+Ende", r"binnen", r"innerhalb"),
    deadline_weak=(r"im\s+Laufe", r"bis\s+in", r"in", r"im"),
    deadline_change=(r"verschoben\s+auf", r"vorgezogen\s+auf", r"verlängert\s+bis(?:\s+zum)?", r"verschiebt\s+sich\s+auf",
                     r"(?:neue|neuer)\s+(?:Frist|Termin)(?:\s+ist)?"),
    governing=(r"im\s+Jahr", r"im\s+Jahre", r"in", r"für", r"für\s+das\s+Jahr"),
    not_deadline=(r"ursprünglich(?:\s+(?:für|bis))?", r"statt", r"anstatt", r"im\s+Zeitraum", r"Zeitraum", r"Periode",
                  r"Wahlperiode", r"Amtszeit", r"seit", r"ab", r"gegenüber", r"im\s+Vergleich\s+zu", r"Stand", r"als", r"von", r"vom"),
    at_least_before=(r"mindestens", r"wenigstens", r"mehr\s+als", r"über", r"nicht\s+weniger\s+als", r"minimal"),
    at_least_after=(r"oder\s+mehr", r"und\s+mehr", r"oder\s+höher", r"und\s+darüber"),
    at_most_before=(r"höchstens", r"maximal", r"unter", r"weniger\s+als", r"nicht\s+mehr\s+als", r"bis\s+zu"),
    at_most_after=(r"oder\s+weniger", r"oder\s+niedriger", r"und\s+darunter"),
    increase_before=(r"Steigerung\s+um", r"Anstieg\s+um", r"Zuwachs\s+um", r"Erhöhung\s+um", r"zusätzlich(?:e|en)?",
                     r"(?:stieg|stiegen|gestiegen|wuchs|gewachsen|erhöht\w*|gesteigert|nahm\s+\w+)\s+um"),
    decrease_before=(r"Senkung\s+(?:\w+\s+){0,3}um", r"Reduktion\s+(?:\w+\s+){0,3}um", r"Rückgang\s+um", r"Reduzierung\s+um", r"Verringerung\s+um", r"Abbau\s+um",
                     r"(?:sank|sanken|gesunken|reduziert\w*|verringert\w*|gesenkt|ging\s+\w+)\s+um"),
    increase_after=(r"steigern", r"erhöhen", r"erhöht", r"gesteigert", r"wachsen", r"steigen", r"zunehmen", r"anheben"),
    decrease_after=(r"senken", r"gesenkt", r"reduzieren", r"reduziert", r"verringern", r"verringert", r"sinken",
                    r"zurückführen", r"abbauen", r"abnehmen", r"kürzen"),
    between_open=(r"zwischen", r"von"),
    range_joiners=(r"bis", r"und"),
    labels=(r"Nr\.?", r"Nummer", r"Artikel", r"Art\.", r"Absatz", r"Abs\.", r"Kapitel", r"Abschnitt", r"Punkt",
            r"Ziffer", r"Beschluss", r"Plan", r"Richtlinie", r"Verordnung", r"Bericht", r"Programm", r"Linie",
            r"Straße", r"Bezirk", r"Zone", r"Seite", r"Tabelle", r"Abbildung", r"Sitzung", r"Parteitag", r"Stufe",
            r"Phase", r"Klasse", r"Gruppe", r"Los", r"Bauabschnitt", r"§"),
    age_after=(r"Jahre\s+alt", r"jährige\w*", r"Lebensjahr\w*"),
    clock_after=(r"Uhr",),
    per=(r"pro", r"je", r"auf\s+je", r"von\s+je"),
    unit_stop=("der", "die", "das", "des", "den", "dem", "in", "im", "bis", "von", "vom", "zu", "zum", "zur", "mit",
               "für", "auf", "und", "oder", "sollen", "soll", "werden", "wird", "haben", "hat", "ist", "sind", "war",
               "waren", "wurde", "wurden", "gegenüber", "als", "an", "am", "aus", "bei", "nach", "über", "unter", "um",
               "pro", "je", "sowie", "mehr", "weniger", "mindestens", "höchstens", "erreicht", "gesenkt", "erhöht",
               "steigern", "senken", "reduzieren", "ein", "eine", "einer", "eines", "noch", "bereits", "rund", "etwa"),
    unit_fillers=("weitere", "weiteren", "zusätzliche", "zusätzlichen", "neue", "neuen", "mehr"),
    meta_nouns=("ziel", "ziele", "aufgabe", "aufgaben", "maßnahme", "maßnahmen", "punkt", "punkte", "schwerpunkt",
                "schwerpunkte", "lösung", "lösungen", "durchbruch", "durchbrüche", "programm", "programme", "thema",
                "themen", "jahr", "jahre", "jahren", "monat", "monate", "monaten", "tag", "tage", "tagen", "woche",
                "wochen", "stunde", "stunden", "mal", "säule", "säulen", "prioritäten", "sitzung", "sitzungen",
                "kapitel", "artikel", "phase", "phasen", "bereiche", "bereich"),
    percent_words=(r"Prozent", r"Prozentpunkte?", r"v\.\s?H\."),
    title_preps=(r"über", r"zur", r"zum", r"betreffend", r"zu"),
    issue_verbs=(r"erlassen", r"verabschiedet", r"unterzeichnet", r"beschlossen", r"veröffentlicht"),
    doc_date_links=(r"und", r","),
    end_of=(r"Ende", r"Ende\s+des", r"Ablauf\s+des", r"zum\s+Ende"),
    quarter=(r"Quartals?",),
    half=(r"Halbjahr(?:es|s)?",),
    ordinal_words={"ersten": 1, "erste": 1, "1.": 1, "zweiten": 2, "zweite": 2, "2.": 2, "dritten": 3, "dritte": 3,
                   "3.": 3, "vierten": 4, "vierte": 4, "4.": 4},
    year_word=(r"Jahr(?:es)?",),
    heading_result=(r"Ergebnisse?", r"Bilanz", r"Stand", r"Rückblick"),
    baseline_before=(r"gegenüber", r"im\s+Vergleich\s+zu", r"verglichen\s+mit", r"von\s+zuvor", r"nach\s+zuvor"),
    present_after=(r"derzeit", r"heute", r"aktuell", r"bisher", r"zurzeit"),
    continuation=(r"davon", r"darunter", r"dabei", r"konkret"),
)


FR = Lexicon(
    target_strong=(r"objectifs?", r"vise", r"visent", r"viser", r"visant", r"visera", r"cible", r"cibles", r"ambition",
                   r"ambitionne", r"prévoit", r"prévoient", r"prévu", r"s'engage\w*", r"s'efforce\w*",
                   r"atteindre", r"porter", r"ramener", r"entend", r"compte"),
    target_weak=(r"sera", r"seront", r"va", r"vont", r"devra", r"devront", r"doit", r"doivent", r"il\s+faut",
                 r"devrait", r"devraient"),
    figure_marker=(r"(?:a|ont|avait|avaient)\s+(?:été|eu)", r"était", r"étaient", r"jusqu'ici", r"à\s+ce\s+jour",
                   r"actuellement", r"l'an\s+dernier", r"l'année\s+dernière", r"en\s+hausse",
                   r"en\s+baisse", r"s'élève", r"s'élevait", r"s'est\s+élevé\w*", r"se\s+situait", r"compte\s+déjà"),
    # Passé composé: "a réuni", "ont accueilli", "avait atteint".
    figure_verb=(r"(?:a|ont|avait|avaient)\s+(?:\w+\s+)?\w+(?:é|i|u|is|it|ert|int)(?:e|s|es)?", r"atteint", r"dépassé"),
    target_met=(r"(?:atteint|dépassé|réalisé|rempli)\s+(?:\w+\s+){0,2}?(?:objectifs?|cibles?|plan)",),
    deadline_strong=(r"d'ici", r"d'ici\s+à", r"avant", r"avant\s+le", r"au\s+plus\s+tard(?:\s+le)?", r"d'ici\s+la",
                     r"d'ici\s+le", r"dans\s+un\s+délai", r"avant\s+la"),
    deadline_weak=(r"jusqu'à", r"jusqu'au", r"jusqu'en", r"à\s+l'horizon", r"à\s+l'échéance", r"dans\s+le\s+courant\s+de"),
    deadline_change=(r"report[ée]\w*\s+(?:au|à|en)", r"prolong[ée]\w*\s+jusqu'(?:au|à|en)", r"avanc[ée]\w*\s+(?:au|à|en)",
                     r"repouss[ée]\w*\s+(?:au|à|en)", r"nouvelle\s+échéance(?:\s+est)?"),
    governing=(r"en", r"pour", r"au\s+cours\s+de", r"pour\s+l'année", r"dès"),
    not_deadline=(r"initialement(?:\s+prévu\w*)?(?:\s+pour)?", r"au\s+lieu\s+de", r"sur\s+la\s+période", r"période",
                  r"mandat", r"depuis", r"à\s+partir\s+de", r"par\s+rapport\s+à", r"au", r"en\s+comparaison\s+de", r"que", r"de"),
    at_least_before=(r"au\s+moins", r"au\s+minimum", r"plus\s+de", r"pas\s+moins\s+de", r"minimum", r"supérieur\w*\s+à",
                     r"un\s+minimum\s+de"),
    at_least_after=(r"ou\s+plus", r"et\s+plus", r"au\s+moins", r"minimum"),
    at_most_before=(r"au\s+plus", r"au\s+maximum", r"moins\s+de", r"pas\s+plus\s+de", r"inférieur\w*\s+à", r"maximum",
                    r"jusqu'à", r"sous"),
    at_most_after=(r"ou\s+moins", r"au\s+maximum", r"maximum"),
    increase_before=(r"augment\w*\s+de", r"hausse\s+de", r"progress\w*\s+de", r"accro\w*\s+de", r"croissance\s+de",
                     r"supplémentaires?"),
    decrease_before=(r"rédui\w*\s+(?:\w+\s+)?de", r"réduction\s+de", r"baisse\s+de", r"baiss\w*\s+de", r"diminu\w*\s+de",
                     r"recul\w*\s+de", r"suppr\w*"),
    between_open=(r"entre", r"de"),
    range_joiners=(r"et", r"à"),
    labels=(r"n°", r"no\.?", r"numéro", r"article", r"art\.", r"chapitre", r"section", r"paragraphe", r"alinéa",
            r"résolution", r"plan", r"décision", r"directive", r"décret", r"arrêté", r"rapport", r"programme",
            r"route", r"rue", r"zone", r"district", r"page", r"tableau", r"figure", r"session", r"congrès", r"phase",
            r"niveau", r"classe", r"lot", r"ligne", r"groupe"),
    age_after=(r"ans", r"ans\s+révolus"),
    clock_after=(r"h", r"heures?"),
    per=(r"pour", r"par", r"sur"),
    unit_stop=("de", "des", "du", "d", "la", "le", "les", "à", "au", "aux", "en", "pour", "par", "d'ici", "avant",
               "et", "ou", "qui", "que", "sont", "est", "seront", "sera", "doivent", "doit", "devront", "devra",
               "dans", "sur", "sous", "avec", "contre", "entre", "vers", "chez", "selon", "dont", "ont", "a", "été",
               "plus", "moins", "au", "d'", "l'", "un", "une", "soit", "environ", "près", "déjà", "encore", "passe",
               "passer", "passera", "atteint", "atteindre", "atteindra", "s'élève", "reste", "restera", "augmente",
               "diminue", "baisse"),
    unit_fillers=("supplémentaires", "supplémentaire", "nouveaux", "nouvelles", "nouveau", "nouvelle", "autres",
                  "de", "d'"),
    meta_nouns=("objectif", "objectifs", "tâche", "tâches", "mesure", "mesures", "solution", "solutions", "axe",
                "axes", "point", "points", "percée", "percées", "programme", "programmes", "priorité", "priorités",
                "an", "ans", "année", "années", "mois", "jour", "jours", "semaine", "semaines", "heure", "heures",
                "fois", "pilier", "piliers", "chapitre", "article", "phase", "phases", "séance", "séances", "domaines"),
    percent_words=(r"pour\s+cent", r"pourcent", r"points?\s+de\s+pourcentage"),
    title_preps=(r"sur", r"relatif\s+à", r"relative\s+à", r"portant\s+sur", r"concernant"),
    issue_verbs=(r"adopté\w*", r"publié\w*", r"signé\w*", r"promulgué\w*", r"pris\w*"),
    doc_date_links=(r"et", r","),
    end_of=(r"(?:la\s+)?fin(?:\s+de|\s+du|\s+d')?",),
    quarter=(r"trimestre",),
    half=(r"semestre",),
    ordinal_words={"premier": 1, "1er": 1, "deuxième": 2, "second": 2, "2e": 2, "2ème": 2, "troisième": 3, "3e": 3,
                   "3ème": 3, "quatrième": 4, "4e": 4, "4ème": 4},
    year_word=(r"année", r"an"),
    heading_result=(r"résultats?", r"bilan", r"situation"),
    baseline_before=(r"contre", r"par\s+rapport\s+à", r"comparé\s+à", r"au\s+lieu\s+de"),
    present_after=(r"aujourd'hui", r"actuellement", r"à\s+ce\s+jour", r"à\s+l'heure\s+actuelle"),
    continuation=(r"parmi\s+(?:eux|elles|ceux-ci)", r"notamment", r"plus\s+précisément", r"dont"),
)

NO = Lexicon(
    target_strong=(r"mål", r"målet", r"målene", r"\w+mål(?:et|ene)?", r"målsetting\w*", r"har\s+som\s+mål", r"tar\s+sikte\s+på", r"sikter",
                   r"skal", r"planlegger", r"planlagt", r"ambisjon\w*", r"tilstrebe", r"forplikter"),
    target_weak=(r"vil", r"må", r"bør", r"kommer\s+til\s+å", r"forventes"),
    figure_marker=(r"(?<!skal\s)(?<!vil\s)(?<!må\s)(?:har|hadde)", r"var", r"ble", r"hittil", r"så\s+langt", r"per\s+i\s+dag",
                   r"i\s+fjor", r"forrige\s+år", r"utgjorde", r"lå\s+på"),
    figure_verb=(r"nådde", r"nådd", r"økte", r"økt", r"sank", r"falt", r"steg", r"oppnådde", r"oppnådd", r"oversteg",
                 r"overgikk", r"registrerte"),
    target_met=(r"(?:nådde|oppnådde|oversteg|overgikk|nådd|oppnådd)\s+(?:\w+\s+){0,2}?(?:målet|målene|planen)",),
    deadline_strong=(r"innen", r"før", r"senest", r"innen\s+utgangen\s+av", r"seinest", r"frist"),
    deadline_weak=(r"til", r"frem\s+til", r"fram\s+til", r"i\s+løpet\s+av"),
    deadline_change=(r"utsatt\s+til", r"forlenget\s+til", r"fremskyndet\s+til", r"framskyndet\s+til", r"flyttet\s+til",
                     r"ny\s+frist(?:\s+er)?"),
    governing=(r"i", r"for", r"i\s+år"),
    not_deadline=(r"opprinnelig(?:\s+satt\s+til)?", r"i\s+stedet\s+for", r"perioden", r"i\s+perioden", r"siden", r"fra", r"sammenlignet\s+med", r"per", r"enn", r"etter"),
    at_least_before=(r"minst", r"mer\s+enn", r"over", r"ikke\s+mindre\s+enn", r"minimum"),
    at_least_after=(r"eller\s+mer", r"og\s+mer", r"eller\s+høyere"),
    at_most_before=(r"høyst", r"maksimalt", r"maks", r"under", r"mindre\s+enn", r"ikke\s+mer\s+enn", r"opptil"),
    at_most_after=(r"eller\s+mindre", r"eller\s+lavere"),
    increase_before=(r"øk\w*\s+(?:\w+\s+){0,3}med", r"økning\s+på", r"økning\s+med", r"vekst\s+på", r"heve\s+med"),
    decrease_before=(r"reduser\w*\s+(?:\w+\s+){0,3}med", r"reduksjon\s+på", r"reduksjon\s+med", r"nedgang\s+på", r"kutt\w*\s+med",
                     r"senk\w*\s+med"),
    between_open=(r"mellom", r"fra"),
    range_joiners=(r"og", r"til"),
    labels=(r"nr\.?", r"nummer", r"artikkel", r"kapittel", r"punkt", r"paragraf", r"§", r"resolusjon", r"plan",
            r"vedtak", r"rapport", r"program", r"rute", r"vei", r"sone", r"distrikt", r"side", r"tabell", r"figur",
            r"møte", r"fase", r"nivå", r"klasse", r"gruppe", r"kl\.?", r"klokken"),
    age_after=(r"år\s+gammel\w*", r"åringer", r"-åringer", r"år"),
    clock_after=(r"tiden",),
    per=(r"per", r"pr\.", r"for\s+hver"),
    unit_stop=("av", "i", "på", "til", "for", "med", "innen", "og", "som", "skal", "er", "var", "ble", "har", "hadde",
               "fra", "om", "ved", "mot", "etter", "før", "under", "over", "enn", "eller", "men", "den", "det", "de",
               "en", "et", "ett", "per", "minst", "høyst", "mer", "mindre", "nye", "vil", "må", "bør"),
    unit_fillers=("flere", "nye", "ytterligere", "andre"),
    meta_nouns=("mål", "målene", "oppgave", "oppgaver", "tiltak", "løsning", "løsninger", "punkt", "punkter",
                "gjennombrudd", "program", "programmer", "prioritering", "prioriteringer", "år", "måned", "måneder",
                "dag", "dager", "uke", "uker", "time", "timer", "ganger", "gang", "møte", "møter", "kapittel",
                "fase", "faser", "områder", "område", "pilarer"),
    percent_words=(r"prosent", r"prosentpoeng"),
    title_preps=(r"om", r"angående", r"vedrørende"),
    issue_verbs=(r"vedtatt", r"vedtok", r"utstedt", r"utstedte", r"signert", r"undertegnet", r"publisert"),
    doc_date_links=(r"og", r","),
    end_of=(r"(?:utgangen|slutten)\s+av",),
    quarter=(r"kvartal",),
    half=(r"halvår",),
    ordinal_words={"første": 1, "1.": 1, "andre": 2, "2.": 2, "tredje": 3, "3.": 3, "fjerde": 4, "4.": 4},
    year_word=(r"året",),
    heading_result=(r"resultater?", r"status", r"oppsummering"),
    baseline_before=(r"mot", r"opp\s+fra", r"ned\s+fra", r"sammenlignet\s+med"),
    present_after=(r"i\s+dag", r"nå", r"per\s+i\s+dag"),
    continuation=(r"blant\s+annet", r"konkret", r"herav", r"av\s+disse"),
)

LEXICONS: dict[str, Lexicon] = {"en": EN, "vi": VI, "de": DE, "fr": FR, "no": NO}


def lexicon(lang: str) -> Lexicon:
    return LEXICONS.get(lang, EN)
