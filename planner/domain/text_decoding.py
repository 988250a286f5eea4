"""Bytes of a text file to str: UTF-8 (with or without BOM), UTF-16 (with a BOM, or without one when
its NUL bytes say so), GB18030/GBK, and Big5 when the text is clearly Big5."""

import codecs

from planner.errors import UserError

_CONTROL_ALLOWED = {"\n", "\r", "\t", "\f", "\v"}


def decode_text(data: bytes, *, name: str) -> str:
    """Decode a policy text file, refusing binary data with a message naming the file.

    See decode_text_with_notes, which also says what the user should know about the encoding.
    """
    return decode_text_with_notes(data, name=name)[0]


def decode_text_with_notes(data: bytes, *, name: str) -> tuple[str, tuple[str, ...]]:
    """Decode a policy text file: its text, and notes for the user (a Big5 file read as Big5).

    Binary means a NUL byte in the first 64 KiB (unless the text is UTF-16 without a BOM, see
    _utf16_without_bom), or more than MAX_CONTROL_SHARE (5 %) of the first 64 K characters being
    control characters other than tab and line breaks. Text that is not UTF-8 is GB18030 (GBK),
    unless it is clearly Big5 (see _is_clearly_big5).

    Raises:
        UserError: the file is empty, binary, or in an encoding we cannot read.
    """
    if not data.strip():
        raise UserError(f"文件“{name}”是空的，没有可以读取的文字。")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"),
                          (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), name), ()
            except UnicodeDecodeError:
                raise UserError(f"文件“{name}”的编码已损坏，无法读取。") from None
    if b"\x00" in data[:65536]:
        text = _utf16_without_bom(data)
        if text is None:
            raise UserError(f"文件“{name}”不是文本文件（看起来是二进制文件），请选择 .txt、.docx 或 .pdf 格式的政策文件。")
        return _checked(text, name), ()
    try:
        return _checked(data.decode("utf-8"), name), ()
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    big5 = _is_clearly_big5(data, text)
    if big5 is not None:
        return _checked(big5, name), (f"文件“{name}”是繁体中文 Big5 编码，已按 Big5 读取，文字保留繁体字。",)
    if text is not None:
        return _checked(text, name), ()
    raise UserError(f"无法识别文件“{name}”的编码，请在记事本中另存为 UTF-8 或 GBK 编码后再导入。")


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of UTF-16 data without a BOM (as some Windows tools save it), or None.

    UTF-16 puts a NUL byte beside every ASCII character and line end: after it in little-endian,
    before it in big-endian. The side holding most NULs gives the byte order (a Chinese character
    such as 一, U+4E00, puts a NUL on the other side, so it is a majority, not all); the text must
    then decode cleanly, with a line break, no NUL character, and at least MIN_TEXT_SHARE of its
    characters those of a Chinese text (a UTF-8 file with a stray NUL decodes to Hangul and
    private-use characters). Anything else is binary: None.
    """
    if len(data) % 2:
        return None
    sample = data[:65536]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if even == odd:
        return None
    try:
        text = data.decode("utf-16-le" if odd > even else "utf-16-be")
    except UnicodeDecodeError:
        return None
    if "\x00" in text or "\n" not in text:
        return None
    sample = text[:32768]
    usual = sum(1 for ch in sample if _is_usual_in_chinese_text(ch))
    return text if usual >= MIN_TEXT_SHARE * len(sample) else None


# Share of characters a UTF-16 text without a BOM must have from the ranges a Chinese text uses.
# A real text has nearly all (a few rare symbols at most); a UTF-8 text misread as UTF-16 about 40 %.
MIN_TEXT_SHARE = 0.9
# ASCII, Latin-1, general punctuation, CJK radicals, CJK punctuation, CJK ideographs (with
# extension A and compatibility ideographs), full-width forms.
_USUAL_RANGES = ((0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2E80, 0x2FDF), (0x3000, 0x303F),
                 (0x3400, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF))


def _is_usual_in_chinese_text(ch: str) -> bool:
    code = ord(ch)
    return ch in "\n\r\t\f" or any(low <= code <= high for low, high in _USUAL_RANGES)


# A Chinese text's commonest punctuation, which GB18030 and Big5 encode differently.
_COMMA_AND_STOP = "，。"


def _is_clearly_big5(data: bytes, gb_text: str | None) -> str | None:
    """The text as Big5 (traditional characters, as Taiwan and Hong Kong write them) when it clearly is, else None.

    Clearly: read as GB18030 it has no ， or 。 and shows private-use characters (Big5's
    punctuation A1 41–A1 43 falls in GBK's user-defined area) or does not decode at all, while
    read as Big5 (cp950, or big5hkscs for Hong Kong characters) it decodes cleanly with ， or 。.
    """
    if gb_text is not None and (any(mark in gb_text for mark in _COMMA_AND_STOP)
                                or not any(0xE000 <= ord(ch) <= 0xF8FF for ch in gb_text)):
        return None
    for encoding in ("cp950", "big5hkscs"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if any(mark in text for mark in _COMMA_AND_STOP):
            return text
    return None


# Share of a text's characters that may be control characters before it is refused as binary.
# Bytes below 0x20 are about a tenth of random data, so a binary file decoded as GB18030 has far more;
# a text file with a few stray controls (a BEL or ^Z from an old system: 3 in a 250-character text
# is 1.2 %) has far fewer, and the parser drops them (invisible_characters.py).
MAX_CONTROL_SHARE = 0.05


def _checked(text: str, name: str) -> str:
    # GB18030 can decode almost any byte string, so a binary file without NUL
    # bytes still comes out as "text": judge it by the share of control characters
    # in its first 64 K characters (more than MAX_CONTROL_SHARE: refused).
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _CONTROL_ALLOWED)
    if controls > MAX_CONTROL_SHARE * len(sample):
        raise UserError(f"文件“{name}”不是文本文件（含有大量控制字符），请选择 .txt、.docx 或 .pdf 格式的政策文件。")
    return text.lstrip("\ufeff")


# Share of a PDF text layer's characters that may be garbage before the layer is refused.
MAX_GARBAGE_SHARE = 0.05


def is_undecodable_text_layer(text: str) -> bool:
    """Whether a PDF's extracted text is not text: glyph codes without a character map.

    A font without a ToUnicode map extracts as control characters, private-use code points or
    U+FFFD; a Chinese policy text also has Chinese characters. Either sign is enough.
    """
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return False
    garbage = sum(1 for ch in text if _is_garbage(ch))
    han = sum(1 for ch in visible if "\u3400" <= ch <= "\u9fff" or "\u2e80" <= ch <= "\u2fdf")
    return garbage > MAX_GARBAGE_SHARE * len(visible) or han == 0


def _is_garbage(ch: str) -> bool:
    code = ord(ch)
    return (code < 32 and ch not in _CONTROL_ALLOWED) or 0xE000 <= code <= 0xF8FF or code >= 0xF0000 \
        or ch == "\ufffd"
