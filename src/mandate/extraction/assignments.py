"""Assignments: who is to do what, with whom, by when.

Conclusion notices and plans are mostly assignments: "Giao Sở Tài chính chủ trì, phối hợp
với Sở Xây dựng rà soát ..., hoàn thành trước ngày 30/6/2025", "The Department of Health
shall lead ... in coordination with ... by 30 June 2025". Each becomes one dict:

    {"lead_unit": "Sở Tài chính", "coordinating_units": ["Sở Xây dựng"],
     "action": "rà soát ...", "deadline": "2025-06-30", "text": <the sentence>,
     "start": ..., "end": ...}

One assignment per lead unit: "Giao Sở Y tế, Sở Giáo dục và Đào tạo tổ chức ..." gives two.

Where a unit's name ends and the action begins is read from the words, not the letters'
case alone: Vietnamese unit names are nouns whose parts are capitalised ("Sở Xây dựng",
"Ban Tổ chức Tỉnh ủy"), while the action starts with a verb in lower case ("xây dựng",
"tổ chức"); a list of units splits at a comma or "và" only where the next part starts
with a unit word ("Sở", "Ủy ban", "Department", "Ministry", ...), so "Sở Kế hoạch và Đầu tư"
stays one unit.
"""

from __future__ import annotations

import re

from .dates import TimeExpr
from .sentences import Sentence
from .spans import in_range

_LIMIT_KINDS = {"day", "month", "quarter", "half", "year"}

# --- Vietnamese ------------------------------------------------------------------------------

# Verbs (lower case) that end a unit's name and begin the action.
_VI_VERBS = (
    "chủ trì", "phối hợp", "có trách nhiệm", "chịu trách nhiệm", "thực hiện", "tổ chức", "xây dựng", "tham mưu",
    "triển khai", "rà soát", "hướng dẫn", "chỉ đạo", "kiểm tra", "báo cáo", "hoàn thành", "tiếp tục", "khẩn trương",
    "nghiên cứu", "đề xuất", "tăng cường", "theo dõi", "đôn đốc", "bố trí", "cân đối", "lập", "ban hành", "trình",
    "quan tâm", "tập trung", "sớm", "làm đầu mối", "giải quyết", "xử lý", "cập nhật", "tổng hợp", "đánh giá",
    "vận động", "tuyên truyền", "phổ biến", "kiện toàn", "sắp xếp", "đẩy mạnh", "nâng cao", "bảo đảm", "đảm bảo",
    "huy động", "phân bổ", "giám sát", "thẩm định", "hoàn thiện", "chuẩn bị", "soạn thảo", "thành lập", "chủ động",
    "khảo sát", "thống kê", "thu hồi", "cấp", "giải ngân", "thanh tra", "phát động", "xác định", "công bố",
    "tiếp nhận", "bổ sung", "điều chỉnh", "sửa đổi", "quán triệt", "lãnh đạo", "phân công", "tích cực",
    "thường xuyên", "kịp thời", "nghiêm túc", "căn cứ", "theo", "nắm", "đầu tư", "mua sắm", "duy trì", "hỗ trợ",
    "đưa", "dừng", "làm", "gửi", "nộp", "tiến hành", "cung cấp", "phân tích", "xem xét", "rà", "chấn chỉnh",
    "khắc phục", "tháo gỡ", "đề nghị", "giao", "ký", "thu", "chi", "mở", "vận hành", "bàn giao", "nghiệm thu",
    "thi công", "khởi công", "di dời", "giải phóng", "tiếp thu", "phê duyệt", "sơ kết", "tổng kết", "là",
    "được", "cần", "phải", "nhanh chóng", "quyết liệt", "ưu tiên", "phát huy", "thông tin", "biên soạn", "in",
    "đẩy nhanh", "rút ngắn", "mở rộng", "phát triển", "nâng cấp", "sửa chữa", "hoàn tất", "công khai", "ứng dụng",
    "số hóa", "số hoá", "kết nối", "tích hợp", "chia sẻ", "ngăn chặn", "tăng", "giảm", "kêu gọi",
    "tìm", "lựa chọn", "thu hút", "hướng", "xây", "gắn", "tiếp", "quản lý", "bảo vệ", "bảo quản", "di chuyển",
    "khơi thông", "nạo vét", "sửa", "dọn", "trồng", "vệ sinh", "diệt", "tiêm", "khám", "kiểm đếm", "cưỡng chế",
    "thu gom", "rà", "đôn", "lắp đặt", "cải tạo", "xóa", "xoá", "vận chuyển", "phân loại", "tu bổ", "gia cố",
)
# Words a unit's name starts with: a list of units splits only before one of these.
_VI_HEADS = (
    "sở", "ủy ban", "uỷ ban", "ubnd", "ub", "ban", "bộ", "công an", "bộ chỉ huy", "văn phòng", "phòng", "trung tâm",
    "hội", "đài", "báo", "tỉnh đoàn", "thành đoàn", "huyện đoàn", "đoàn", "liên đoàn", "cục", "chi cục", "kho bạc",
    "ngân hàng", "thanh tra", "viện", "trường", "bệnh viện", "tòa án", "toà án", "hội đồng", "mặt trận", "mttq",
    "đảng ủy", "đảng uỷ", "đảng đoàn", "ban cán sự", "huyện ủy", "thành ủy", "tỉnh ủy", "thị ủy", "cơ quan",
    "các sở", "các cơ quan", "các đơn vị", "các địa phương", "các huyện", "các xã", "các phòng", "các ban", "các ngành",
    "các tổ chức", "các doanh nghiệp", "các chủ đầu tư", "quỹ", "tổng công ty", "công ty", "chi nhánh",
    "bảo hiểm xã hội", "hợp tác xã", "đơn vị", "chủ đầu tư", "lực lượng", "bộ đội", "liên minh", "ban quản lý",
    # heads of units, named for their unit: "Giám đốc các sở, ngành, Chủ tịch UBND các huyện"
    "giám đốc", "chủ tịch", "thủ trưởng", "bí thư", "người đứng đầu", "trưởng ban", "trưởng phòng",
)
_VI_VERB_RX = re.compile(r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, _VI_VERBS), key=len, reverse=True)) + r")(?!\w)")
_VI_HEAD_RX = re.compile(r"^(?:" + "|".join(sorted(map(re.escape, _VI_HEADS), key=len, reverse=True)) + r")(?!\w)",
                         re.I)
# A unit's name ends at ; : ( . or a dash between spaces, except a dash inside the name
# ("Phòng Lao động - Thương binh và Xã hội", "Phòng Tài chính - Kế hoạch").
_VI_NAME_STOP = re.compile(r"[;:(]|\.(?!\w)|\s-\s(?![^\W\d_]*[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ])")
_UPPER = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
_VI_ADMIN = ("tỉnh", "huyện", "xã", "phường", "thị", "trấn", "thành", "phố", "quận", "và", "các", "trực", "thuộc",
             "liên", "quan", "cấp", "nhân", "dân")
# Second syllables of words in unit names ("Tài chính", "Kế hoạch", "Đầu tư", "Y tế", "Giáo dục"):
# a lower-case syllable of these after a capitalised one continues the name.
_VI_COMPOUND = ("chính", "hoạch", "tư", "dựng", "tế", "dục", "tạo", "trường", "nghiệp", "thôn", "tịch", "vụ", "thông",
                "tải", "hội", "binh", "lịch", "thao", "hóa", "hoá", "nghệ", "thương", "pháp", "sát", "trị", "sự", "an",
                "ninh", "chức", "giáo", "vận", "trang", "nông", "tịch", "dân", "đạo", "lý", "bảo", "phòng", "quốc",
                "động", "học", "bộ", "ương", "huy", "chức", "tra", "kiểm", "kê", "văn", "luận", "vệ", "thuế", "sản",
                "khoán", "cứu", "xã", "nội", "ngoại", "truyền", "trận", "trấn", "gia", "nguyên", "hợp", "trợ")
_VI_NAME_THEN_WORD = re.compile(
    rf"((?:[{_UPPER}][\w]*\s+(?:(?:{'|'.join(_VI_ADMIN + _VI_COMPOUND)})\s+)*){{2,}})"
    rf"(?=(?!(?:{'|'.join(_VI_ADMIN + _VI_COMPOUND)})(?!\w))[a-zđàáảãạâấầẩẫậăắằẳẵặèéẻẽẹêếềểễệìíỉĩị"
    rf"òóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]\w*)")
_LIST_MARK = r"(?:[-+•*–·▪●○]\s*|\(?[a-zđ]\)\s*|\d{1,2}[.)]\s+)?"
# "Giao ...", "Đề nghị ...", "Yêu cầu ..." at the start of a sentence or list item.
_VI_OPENER = re.compile(rf"^{_LIST_MARK}(?:giao\s+cho|giao|đề\s+nghị|yêu\s+cầu|phân\s+công)\s+", re.I)
# "Chủ tịch UBND tỉnh giao Sở Y tế ...", "Hội nghị yêu cầu các huyện ...": inside a sentence, only
# before a unit word ("giao thông", "bàn giao" are not assignments).
_VI_OPENER_INSIDE = re.compile(
    r"(?<![\w])(?<!bàn\s)(?<!chuyển\s)(?:giao\s+cho|giao|đề\s+nghị|yêu\s+cầu|phân\s+công)\s+(?=(?i:"
    + "|".join(sorted(map(re.escape, _VI_HEADS), key=len, reverse=True)) + rf")(?!\w))(?=[{_UPPER}]|các\s)",
)
# "<unit> chủ trì", "<unit> có trách nhiệm": the unit is the subject of the sentence.
_VI_SUBJECT_CUE = re.compile(r"\s+(?:chủ\s+trì|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|làm\s+đầu\s+mối)(?!\w)")
_VI_COORD = re.compile(r"(?:,\s*|\s+)(?:phối\s+hợp\s+(?:chặt\s+chẽ\s+)?với|cùng\s+với|phối\s+hợp\s+cùng)\s+", re.I)
_VI_COORD_BARE = re.compile(r"(?:phối\s+hợp\s+(?:chặt\s+chẽ\s+)?với|cùng\s+với|phối\s+hợp\s+cùng)\s+", re.I)
_VI_LEAD_CUE = re.compile(r"\s*(?:chủ\s+trì|làm\s+đầu\s+mối|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm)(?!\w)\s*,?\s*")
# A trailing clause that only states the time limit: ", hoàn thành trước ngày 30/6/2025", ", thời hạn: ...".
_VI_DEADLINE_CLAUSE = re.compile(
    r"[,;]?\s*(?:\(|-\s)?\s*(?:(?:và\s+)?(?:hoàn\s+thành|xong|thời\s+hạn(?:\s+hoàn\s+thành)?|thời\s+gian\s+hoàn\s+thành|"
    r"thời\s+gian\s+thực\s+hiện)\s*:?\s*)?(?:trước|chậm\s+nhất(?:\s+là)?(?:\s+vào)?|trong|đến|vào|hạn\s+chót)?"
    r"\s*(?:ngày|tháng|quý|năm|hết|cuối)?\s*$", re.I)

# --- English ---------------------------------------------------------------------------------

_EN_HEADS = (
    "department", "departments", "ministry", "ministries", "committee", "committees", "agency", "agencies",
    "office", "offices", "board", "boards", "council", "councils", "police", "bureau", "bureaus", "authority",
    "authorities", "union", "unions", "association", "associations", "centre", "center", "centres", "centers",
    "institute", "commission", "administration", "inspectorate", "fund", "bank", "unit", "units", "division",
    "directorate", "secretariat", "front", "command", "service", "services", "treasury", "team", "group",
    "government", "governments", "municipality", "municipalities", "province", "provinces", "district",
    "districts", "commune", "communes", "corporation", "company", "agencies", "organisations", "organizations",
    "investors", "investor", "sectors", "localities", "hospital", "school", "university", "court", "procuracy",
    "station", "stations", "newspaper", "companies", "forces", "command",
)
_EN_HEAD_RX = re.compile(r"(?<!\w)(?:" + "|".join(_EN_HEADS) + r")(?!\w)", re.I)
_EN_CUE = re.compile(
    r"\s+(?:(?:is|are)\s+(?:hereby\s+)?(?:assigned\s+to|tasked\s+with|requested\s+to|asked\s+to|responsible\s+for|"
    r"in\s+charge\s+of|to\s+take\s+the\s+lead\s+in|to\s+lead)|shall(?:\s+(?:take\s+the\s+lead\s+in|be\s+responsible\s+for|"
    r"be\s+in\s+charge\s+of))?|will(?:\s+(?:take\s+the\s+lead\s+in|be\s+responsible\s+for))?|must|takes\s+the\s+lead\s+in|"
    r"leads)(?!\w)\s*",
    re.I,
)
_EN_NOT_SUBJECT = re.compile(r"(?:in|on|by|for|at|during|from|to|with|under|after|before|since|of|if|when|while|"
                             r"as|where|which|this|these|it|there)\b", re.I)
_EN_ASSIGN = re.compile(rf"^{_LIST_MARK}(?:assign|request|task|direct)\s+", re.I)
_EN_ASSIGN_TO = re.compile(r"\s+(?:to|with)\s+(?=[a-z])")
_EN_COORD = re.compile(r",?\s*(?:in\s+(?:close\s+)?(?:coordination|cooperation|collaboration|consultation)\s+with|"
                       r"working\s+(?:together\s+)?with|together\s+with|with\s+the\s+(?:participation|support)\s+of)\s+",
                       re.I)
_EN_COORD_END = re.compile(r",|;|\.(?:\s|$)|\s+(?:to\s+(?=[a-z])(?!the\s)|by|before|no\s+later\s+than|within|until|"
                           r"during)\s+|$")
_EN_DEADLINE_CLAUSE = re.compile(
    r"[,;]?\s*(?:(?:and\s+)?(?:to\s+be\s+)?(?:completed|finished|done|submitted|reported|"
    r"(?:complete|finish|submit)\w*\s+(?:it|them|this|the\s+\w+))\s+)?"
    r"(?:by|before|no\s+later\s+than|not\s+later\s+than|within|until|on)?\s*(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?$",
    re.I)
_EN_DROP_LEAD = re.compile(r"^(?:the\s+)", re.I)


def find_assignments(text: str, lang: str, sentences: list[Sentence], times: list[TimeExpr]) -> list[dict]:
    """Every assignment in the text (Vietnamese and English patterns; other languages: none)."""
    if lang not in ("vi", "en"):
        return []
    starts = [t.start for t in times]
    out: list[dict] = []
    for sent in sentences:
        chunk = text[sent.start:sent.end]
        if lang == "vi":
            found = _vietnamese(chunk)
        else:
            found = _english(chunk)
        if not found:
            continue
        leads, coordinating, action = found
        sent_times = [t for t in times[in_range(starts, sent.start, sent.end)] if not t.is_doc_date]
        deadline = _deadline(sent_times)
        if deadline is not None:
            action = _without_deadline(action, text[deadline.start:deadline.end], lang)
        action = _tidy(action)
        if not action or re.match(r"(?:be|been|being)\s", action):
            continue  # "Sixty stations will be rebuilt": a passive forecast names no one to act
        for lead in leads:
            out.append({
                "lead_unit": lead,
                "coordinating_units": [c for c in coordinating if c != lead],
                "action": action,
                "deadline": deadline.iso if deadline else None,
                "text": chunk.strip(),
                "start": sent.start,
                "end": sent.end,
            })
    return out


def _deadline(times: list[TimeExpr]) -> TimeExpr | None:
    strong = [t for t in times if t.prep == "strong" and t.kind in _LIMIT_KINDS]
    if strong:
        return strong[-1]
    weak = [t for t in times if t.prep == "weak" and t.kind in _LIMIT_KINDS]
    return weak[-1] if weak else None


def _without_deadline(action: str, when: str, lang: str) -> str:
    """Drop a trailing clause that only states the time limit (", hoàn thành trước ngày
    30/6/2025", ", to be completed by June 30, 2025"); a limit inside the action stays."""
    cut = action.rfind(when)
    if cut < 0:
        return action
    if action[cut + len(when):].strip(" .;,)"):
        return action
    rx = _VI_DEADLINE_CLAUSE if lang == "vi" else _EN_DEADLINE_CLAUSE
    return rx.sub("", action[:cut])


def _tidy(action: str) -> str:
    action = re.sub(r"\s+", " ", action).strip(" ,;:.-")
    action = re.sub(r"^(?:để|nhằm|to)\s+", "", action)
    return action


# --- Vietnamese --------------------------------------------------------------------------------

def _vi_units(chunk: str, pos: int) -> tuple[list[str], int]:
    """Units named from ``pos``: up to the first lower-case verb or a ; : ( . ; returns
    (units, end of the names)."""
    limit = len(chunk)
    stop = _VI_NAME_STOP.search(chunk, pos)
    if stop:
        limit = stop.start()
    verb = None
    for m in _VI_VERB_RX.finditer(chunk, pos, limit):
        if m.start() == pos:
            continue  # the first word is the unit's ("Thanh tra tỉnh")
        if m.group(0)[:1].islower():
            verb = m
            break
    end = verb.start() if verb else limit
    if verb is None:
        # A verb not in the list: a proper name of two or more capitalised words followed by a
        # lower-case word that is not an administrative word ends the name ("UBND xã Mai Pha
        # khơi thông kênh mương": the action starts at "khơi").
        tail = _VI_NAME_THEN_WORD.search(chunk, pos, end)
        if tail:
            end = tail.end(1)
    names = chunk[pos:end].strip(" ,")
    if not names:
        return [], pos
    units: list[str] = []
    parts = re.split(r"(\s*,\s*|\s+và\s+|\s+cùng\s+)", names)
    for i in range(0, len(parts), 2):
        piece = parts[i].strip()
        if not piece:
            continue
        # "Văn phòng HĐND và UBND huyện", "Văn phòng Đoàn ĐBQH và HĐND tỉnh": the office of two bodies.
        office_of_two = units and "và" in parts[i - 1] and re.match(r"văn\s+phòng\s+\S+$", units[-1], re.I)
        if units and (office_of_two or not _VI_HEAD_RX.match(piece)):
            # "các huyện, thị xã, thành phố": a part without a unit word belongs to the unit before it.
            units[-1] = f"{units[-1]}{', ' if ',' in parts[i - 1] else ' ' + parts[i - 1].strip() + ' '}{piece}"
        else:
            units.append(piece)
    return units, end


def _vietnamese(chunk: str) -> tuple[list[str], list[str], str] | None:
    opener = _VI_OPENER.match(chunk) or _VI_OPENER_INSIDE.search(chunk, 0, 160)
    if opener:
        units, end = _vi_units(chunk, opener.end())
        if not units or not _VI_HEAD_RX.match(units[0]) and not units[0][:1].isupper():
            return None
    else:
        cue = _VI_SUBJECT_CUE.search(chunk, 0, 200)
        lead_mark = re.match(rf"^{_LIST_MARK}", chunk)
        begin = lead_mark.end() if lead_mark else 0
        if not cue:
            return None
        subject = chunk[begin:cue.start()]
        if not subject or not subject[:1].isupper() or len(subject.split()) > 16 or re.search(r"[;:.]", subject):
            return None
        units, end = _vi_units(chunk, begin)
        if not units or end < cue.start() - 1 or not _VI_HEAD_RX.match(units[0]):
            return None
    pos = end
    lead_cue = _VI_LEAD_CUE.match(chunk, pos)
    if lead_cue:
        pos = lead_cue.end()
    coordinating: list[str] = []
    coord = _VI_COORD.match(chunk, pos - 1 if chunk[pos - 1:pos] in (' ', ',') else pos) or _VI_COORD_BARE.match(chunk, pos)
    if coord:
        coordinating, pos = _vi_units(chunk, coord.end())
        if pos < len(chunk) and chunk[pos:pos + 1] == ",":
            pos += 1
    # "Giao Sở A chủ trì, Sở B phối hợp, ...": not handled as a coordinating list; the action follows.
    return units, coordinating, chunk[pos:]


# --- English -----------------------------------------------------------------------------------

def _en_unit_list(names: str) -> list[str]:
    units: list[str] = []
    for piece in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", names):
        piece = piece.strip()
        if not piece:
            continue
        head_near = _EN_HEAD_RX.search(" ".join(piece.split()[:5]))
        # "Radio and Television Station": a part without a unit word does not end a name.
        if units and (not head_near or not _EN_HEAD_RX.search(units[-1])):
            units[-1] = f"{units[-1]} and {piece}"
        else:
            units.append(piece)
    return [_EN_DROP_LEAD.sub("", u) for u in units]


def _english(chunk: str) -> tuple[list[str], list[str], str] | None:
    assign = _EN_ASSIGN.match(chunk)
    if assign:
        to = _EN_ASSIGN_TO.search(chunk, assign.end(), assign.end() + 200)
        if not to:
            return None
        names = chunk[assign.end():to.start()]
        pos = to.end()
    else:
        cue = _EN_CUE.search(chunk, 0, 220)
        if not cue:
            return None
        mark = re.match(rf"^{_LIST_MARK}", chunk)
        names = chunk[mark.end() if mark else 0:cue.start()]
        pos = cue.end()
    names = names.strip(" ,")
    if _EN_NOT_SUBJECT.match(names) or re.search(r"\d", names):
        return None  # "In the 2019-2021 period, ... will be", "In which, relevant units shall"
    if not names or len(names.split()) > 14 or not _EN_HEAD_RX.search(names) or re.search(r"[;:]", names):
        return None
    leads = _en_unit_list(names)
    coordinating: list[str] = []
    coord = _EN_COORD.search(chunk, pos)
    if coord:
        rest = chunk[coord.end():]
        # The list of units ends at a comma not followed by another unit, "to", "by"...
        end = len(rest)
        for m in _EN_COORD_END.finditer(rest):
            if m.group(0).strip() == "," and _EN_HEAD_RX.search(" ".join(rest[m.end():].split()[:5])):
                continue
            end = m.start()
            break
        coordinating = _en_unit_list(rest[:end])
        before = chunk[pos:coord.start()]
        after = rest[end:]
        action = f"{before.rstrip(' ,')} {after.lstrip(' ,')}" if before.strip(" ,") else after
        return leads, coordinating, action
    return leads, coordinating, chunk[pos:]
