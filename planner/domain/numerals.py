"""Chinese numerals as used in document numbering: 一 … 九十九."""

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}

CHINESE_NUMERAL_CHARS = "一二三四五六七八九十"


def chinese_to_int(text: str) -> int | None:
    """The value of a numeral from 一 to 九十九, or None if ``text`` is not one.

    >>> chinese_to_int("二十五")
    25
    """
    if not text or len(text) > 3:
        return None
    if "十" not in text:
        return _DIGITS.get(text) if len(text) == 1 and text != "〇" else None
    tens, _, ones = text.partition("十")
    if "十" in ones:
        return None
    tens_value = 1 if tens == "" else _DIGITS.get(tens)
    ones_value = 0 if ones == "" else _DIGITS.get(ones)
    if tens_value is None or ones_value is None or tens_value == 0:
        return None
    if len(ones) > 1 or len(tens) > 1:
        return None
    return tens_value * 10 + ones_value


def int_to_chinese(value: int) -> str:
    """The numeral for 1 … 99 as written in headings (10 → 十, 21 → 二十一)."""
    if not 1 <= value <= 99:
        raise ValueError(f"numeral out of range: {value}")
    digits = "〇一二三四五六七八九"
    tens, ones = divmod(value, 10)
    if tens == 0:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
