"""Names staff use: Shanghai districts and streets, domain terms and synonyms.

Why a curated list: a street's district is rarely written in its own report
(五角场 never says 杨浦区), and staff shorten names (长寿路 for 长寿路街道).
Unknown streets are still found by pattern; this list only adds districts and
aliases. Used by ingest (metadata), BM25 (user dictionary) and query parsing.
"""

from __future__ import annotations

import re
from functools import lru_cache

DISTRICTS = (
    "黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区", "闵行区",
    "宝山区", "嘉定区", "浦东新区", "金山区", "松江区", "青浦区", "奉贤区", "崇明区",
)

_STREETS_BY_DISTRICT: dict[str, str] = {
    "普陀区": "长寿路街道 甘泉路街道 石泉路街道 宜川路街道 万里街道 真如镇街道 长风新村街道 曹杨新村街道 长征镇 桃浦镇",
    "杨浦区": "五角场街道 定海路街道 平凉路街道 江浦路街道 四平路街道 控江路街道 长白新村街道 延吉新村街道 殷行街道 大桥街道 新江湾城街道 长海路街道",
    "浦东新区": "金杨新村街道 陆家嘴街道 潍坊新村街道 洋泾街道 塘桥街道 花木街道 周家渡街道 上钢新村街道 南码头路街道 沪东新村街道 浦兴路街道 东明路街道 张江镇 川沙新镇 北蔡镇 三林镇 高桥镇 唐镇 曹路镇 康桥镇 周浦镇",
    "静安区": "江宁路街道 石门二路街道 南京西路街道 静安寺街道 曹家渡街道 天目西路街道 北站街道 宝山路街道 芷江西路街道 共和新路街道 大宁路街道 彭浦新村街道 临汾路街道 彭浦镇",
    "徐汇区": "天平路街道 湖南路街道 斜土路街道 枫林路街道 长桥街道 田林街道 虹梅路街道 康健新村街道 徐家汇街道 凌云路街道 龙华街道 漕河泾街道 华泾镇",
    "黄浦区": "南京东路街道 外滩街道 半淞园路街道 小东门街道 豫园街道 老西门街道 五里桥街道 打浦桥街道 淮海中路街道 瑞金二路街道",
    "长宁区": "华阳路街道 江苏路街道 新华路街道 周家桥街道 天山路街道 仙霞新村街道 虹桥街道 程家桥街道 北新泾街道 新泾镇",
    "虹口区": "欧阳路街道 曲阳路街道 广中路街道 嘉兴路街道 凉城新村街道 四川北路街道 北外滩街道 江湾镇街道",
}
STREET_DISTRICT: dict[str, str] = {
    street: district for district, names in _STREETS_BY_DISTRICT.items() for street in names.split()
}

# Staff say one thing two ways; fold the first into the second everywhere we index or search.
SYNONYMS: dict[str, str] = {
    "加梯": "加装电梯",
    "电梯加装": "加装电梯",
    "垃圾分类": "生活垃圾分类",
    "群租房": "群租",
    "旧改": "旧区改造",
    "居委": "居委会",
    "业委会": "业主委员会",
    "网格化": "网格化管理",
}

DOMAIN_TERMS = (
    "加装电梯", "加梯", "一网统管", "一网通办", "生活垃圾分类", "垃圾分类", "业主委员会", "业委会",
    "居委会", "居民区", "党建引领", "美丽家园", "旧住房综合修缮", "两旧一村", "15分钟社区生活圈",
    "社区事务受理服务中心", "城运中心", "12345市民服务热线", "随申办", "家门口", "长者食堂", "老年助餐",
    "适老化改造", "群租", "违法建筑", "架空线入地", "五经普", "经济普查", "招商引资", "区税",
    "社区代表会议", "社区基金会", "社会组织", "自治项目", "双拥", "退役军人", "人民建议征集",
    "新落地企业", "重点企业", "创业帮扶", "就业援助", "公益性岗位", "睦邻家园", "宝宝屋",
    "牵头单位", "责任单位", "完成时间", "区房管局", "区委组织部", "区民政局", "区社工委",
)

_DISTRICT_SHORT = {d.removesuffix("新区").removesuffix("区"): d for d in DISTRICTS}
_STREET_RE = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:街道|镇))")
_STREET_STOP = re.compile(r"^(?:关于|各|本|全|该|我|所在|街道|乡镇|城镇|社区)")


def fold_synonyms(text: str) -> str:
    """Replace staff shorthand with the canonical term (``加梯`` → ``加装电梯``).

    Canonical occurrences are protected first, so ``生活垃圾分类`` does not
    become ``生活生活垃圾分类``.
    """
    for i, (short, canonical) in enumerate(SYNONYMS.items()):
        mark = f"\x00{i}\x00"
        text = text.replace(canonical, mark).replace(short, canonical).replace(mark, canonical)
    return text


def district_of(street: str) -> str:
    return STREET_DISTRICT.get(street, "")


def short_street(street: str) -> str:
    """``长寿路街道`` → ``长寿路``; ``真如镇街道`` → ``真如``; ``长征镇`` → ``长征``."""
    name = street.removesuffix("街道")
    return name.removesuffix("镇") if len(name) > 2 else name


@lru_cache(maxsize=65536)
def street_aliases(street: str) -> list[str]:
    """All names staff use for a street: 金杨新村街道, 金杨新村, 金杨; 长寿路街道, 长寿路, 长寿."""
    short = short_street(street)
    names = [street, short]
    if short.endswith("新村") and len(short) > 3:
        names.append(short.removesuffix("新村"))
    if short.endswith("路") and len(short) > 2:
        names.append(short.removesuffix("路"))
    return [n for n in dict.fromkeys(names) if len(n) >= 2]


def find_districts(text: str) -> list[str]:
    """Districts named in text, full (普陀区) or short (普陀), in order of appearance."""
    found: list[tuple[int, str]] = []
    for short, full in _DISTRICT_SHORT.items():
        for name in (full, short):
            pos = text.find(name)
            if pos >= 0:
                found.append((pos, full))
                break
    return [d for _, d in sorted(found)]


_CJK = re.compile(r"[\u4e00-\u9fff]")
_BEFORE_PLACE = frozenset("和与及跟同比在对从把给向为、")  # a short name may follow these ("五角场和长寿")


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] < b or a < span[1] <= b for a, b in taken)


_YEAR_AFTER = re.compile(r"\s*(?:19|20)?\d{2}\s*年")


def find_streets(text: str, known: tuple[str, ...] | list[str] = ()) -> list[str]:
    """Streets named in text, full or short, from the gazetteer plus ``known`` ones."""
    names = set(STREET_DISTRICT) | set(known)
    hits: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    pending: list[tuple[tuple[int, int], str]] = []
    for street in sorted(names, key=len, reverse=True):
        for alias in street_aliases(street):
            # Plain substring search: a regex per alias overflowed re's cache with
            # hundreds of known streets (63 ms per question at 429 streets).
            if len(alias) < 2 or alias not in text:
                continue
            bare = alias != street and short_street(street).removesuffix("路") == alias != short_street(street)
            start = text.find(alias)
            while start >= 0:
                span = (start, start + len(alias))
                # "长寿" for 长寿路 stands alone or after another place ("五角场金杨长寿"); inside a
                # word ("健康长寿") it is no place
                # — unless a year follows it ("…目标多少长寿2023年实际做到多少": a place and its year)
                inside = (bare and start > 0 and _CJK.match(text[start - 1]) and text[start - 1] not in _BEFORE_PLACE
                          and not _YEAR_AFTER.match(text, span[1]))
                if inside:
                    pending.append((span, street))
                elif not _overlaps(span, taken):
                    hits.append((start, street))
                    taken.append(span)
                start = text.find(alias, start + 1)
    for span, street in pending:
        if any(end == span[0] for _, end in taken) and not _overlaps(span, taken):
            hits.append((span[0], street))
            taken.append(span)
    ordered: list[str] = []
    for _, street in sorted(hits):
        if street not in ordered:
            ordered.append(street)
    return ordered


def guess_street(text: str) -> str:
    """A street named by pattern (for streets missing from the gazetteer)."""
    for m in _STREET_RE.finditer(text):
        name = m.group(1)
        # trim leading district / organisation words
        for d in list(DISTRICTS) + list(_DISTRICT_SHORT):
            name = name.removeprefix(d)
        name = re.sub(r"^.*?(?:人民政府|办事处)", "", name)
        trimmed = re.sub(r"^.*[省市区县]", "", name)
        if len(trimmed) >= 3:
            name = trimmed
        if len(name) >= 3 and not _STREET_STOP.match(name):
            return name
    return ""


def misspelled_streets(text: str, known: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    """(as written, correct name) for indexed streets written with one wrong character, as a
    Pinyin input method slips ("长受路" for 长寿路, "金洋新村" for 金杨新村). Only names of three
    or more characters, only the streets the index holds, the first character right."""
    found: list[tuple[int, str, str]] = []
    for street in known:
        for alias in street_aliases(street):
            n = len(alias)
            if n < 3:
                continue
            for i in range(len(text) - n + 1):
                window = text[i:i + n]
                if window[0] == alias[0] and sum(a != b for a, b in zip(window, alias, strict=True)) == 1 \
                        and all(_CJK.match(ch) for ch in window) \
                        and not (window[-1] != alias[-1] and alias[:-1] in street_aliases(street)):
                    # ("平安长寿具体要干啥": the street's short name written right, then another word)
                    found.append((i, window, alias))
                    break
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for _, window, alias in sorted(found):
        if window not in seen:
            seen.add(window)
            out.append((window, alias))
    return out


def correct_street_typos(text: str, known: tuple[str, ...] | list[str], streets: list[str] | None = None) -> str:
    """``text`` with a misspelled indexed street written right, when no street is written right
    (``streets``: what ``find_streets`` already found in it, when the caller has it)."""
    if streets if streets is not None else find_streets(text, known):
        return text
    for typed, name in misspelled_streets(text, known):
        text = text.replace(typed, name)
    return text
