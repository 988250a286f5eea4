"""Compatibility characters that PDF text layers produce, folded to the ordinary characters.

Only three blocks are folded: Kangxi radicals (U+2F00–U+2FD5), the CJK Radicals Supplement
(U+2E80–U+2EF3) and the full-width digits and Latin letters (U+FF10–U+FF5A). NFKC over the
whole text is not used: it would also turn Chinese punctuation into ASCII (（一）→(一), ，→,).
"""

from __future__ import annotations

import unicodedata

# The CJK Radicals Supplement has no compatibility decomposition (except ⻳ and ⺟), so the
# standalone character is named here, from the radical's Unicode name (C-SIMPLIFIED GATE → 门).
# Forms with no standalone character of their own (⺀ REPEAT, ⺂ SECOND ONE …) are left alone.
_RADICALS_SUPPLEMENT = dict(zip(
    "⺁⺃⺅⺆⺉⺊⺋⺎⺐⺒⺓⺔⺖⺘⺙⺛⺜⺝⺞⺟⺠⺡⺢⺣⺤⺥⺦⺧⺨⺩⺪⺫⺬⺭⺮⺯⺰⺲⺶⺷⺹⺺⺻⺼⺽⺾⺿⻀⻁⻂⻃⻄⻅⻆⻇"
    "⻈⻉⻊⻋⻌⻍⻎⻏⻐⻑⻓⻔⻕⻖⻗⻘⻙⻚⻛⻜⻝⻟⻠⻡⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻱⻳",
    "厂乚亻冂刂卜㔾兀尢巳幺彑忄扌攵旡日月歺母民氵氺灬爫爫丬牛犭王疋罒示礻竹糹纟罒羊羊耂肀聿月臼艹艹艹虎衤覀西见角角"
    "讠贝足车辶辶辶阝钅長长门阜阝雨青韦页风飞食飠饣首马骨鬼鱼鸟卤麦黄黾齐齿龙龜龟", strict=True))


def _fold_char(ch: str) -> str:
    code = ord(ch)
    if 0x2F00 <= code <= 0x2FD5 or 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A \
            or 0xFF41 <= code <= 0xFF5A:
        return unicodedata.normalize("NFKC", ch)  # each of these has exactly one NFKC form
    return _RADICALS_SUPPLEMENT.get(ch, ch)


_TABLE = {ord(ch): _fold_char(ch) for ch in (
    [chr(c) for c in range(0x2F00, 0x2FD6)] + list(_RADICALS_SUPPLEMENT)
    + [chr(c) for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))])}


def fold_compatibility_characters(text: str) -> tuple[str, int, int]:
    """``text`` with radicals and full-width digits/letters folded, and what was folded.

    Returns:
        (folded text, number of radicals folded, number of full-width digits/letters folded).
    """
    folded = text.translate(_TABLE)
    if folded == text:
        return text, 0, 0
    radicals = sum(1 for ch in text if 0x2E80 <= ord(ch) <= 0x2FDF and ord(ch) in _TABLE)
    full_width = sum(1 for ch in text if 0xFF10 <= ord(ch) <= 0xFF5A and ord(ch) in _TABLE)
    return folded, radicals, full_width
