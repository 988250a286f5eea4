"""Bytes of a text file to str: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK."""

import codecs

from planner.errors import UserError

_CONTROL_ALLOWED = {"\n", "\r", "\t", "\f", "\v"}


def decode_text(data: bytes, *, name: str) -> str:
    """Decode a policy text file, refusing binary data with a message naming the file.

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
                return _checked(data.decode(encoding), name)
            except UnicodeDecodeError:
                raise UserError(f"文件“{name}”的编码已损坏，无法读取。") from None
    if b"\x00" in data[:65536]:
        raise UserError(f"文件“{name}”不是文本文件（看起来是二进制文件），请选择 .txt、.docx 或 .pdf 格式的政策文件。")
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked(data.decode(encoding), name)
        except UnicodeDecodeError:
            continue
    raise UserError(f"无法识别文件“{name}”的编码，请在记事本中另存为 UTF-8 或 GBK 编码后再导入。")


def _checked(text: str, name: str) -> str:
    # GB18030 can decode almost any byte string, so a binary file without NUL
    # bytes still comes out as "text": judge it by its control characters.
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _CONTROL_ALLOWED)
    if controls > max(2, len(sample) // 200):
        raise UserError(f"文件“{name}”不是文本文件（含有大量控制字符），请选择 .txt、.docx 或 .pdf 格式的政策文件。")
    return text.lstrip("\ufeff")
