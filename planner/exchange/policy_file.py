"""Reading a policy document from a .txt or .docx file, refusing what is not one."""

from __future__ import annotations

import zipfile
from pathlib import Path

from planner.domain.text_decoding import decode_text
from planner.errors import UserError

MAX_POLICY_BYTES = 5 * 1024 * 1024
MAX_DOCX_BYTES = 50 * 1024 * 1024
# A .docx is a zip: refuse one whose parts would inflate past this (zip bombs).
MAX_DOCX_UNPACKED = 50 * 1024 * 1024


def read_policy_text(path: Path | str) -> str:
    """The text of a policy file (.txt in UTF-8/GBK, .docx, or a PDF with a text layer), as one string.

    Raises:
        UserError: missing, unreadable, too large, binary or malformed.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UserError(f"找不到文件“{path}”。") from None
    except OSError as error:
        raise UserError(f"无法读取文件“{path.name}”：{error.strerror or error}") from None
    if path.is_dir():
        raise UserError(f"“{path.name}”是文件夹，请选择政策文件（.txt、.docx 或 .pdf）。")
    suffix = path.suffix.lower()
    if suffix in {".doc", ".wps"}:
        raise UserError(f"暂不支持“{path.suffix}”格式的文件“{path.name}”，请另存为 .docx 或 .txt 后再导入。")
    # A .docx or .pdf may carry scanned seals and images; a text file is only text.
    limit = MAX_DOCX_BYTES if suffix in {".docx", ".pdf"} else MAX_POLICY_BYTES
    if size > limit:
        raise UserError(f"文件“{path.name}”有 {size / 1024 / 1024:.1f} MB，超过政策文件的上限 "
                        f"{limit // 1024 // 1024} MB（政策文本通常只有几百 KB），请确认选择的文件是否正确。")
    if suffix == ".docx":
        return _read_docx(path)
    if suffix == ".pdf":
        return _read_pdf(path)
    try:
        data = path.read_bytes()
    except PermissionError:
        raise UserError(f"文件“{path.name}”被其他程序占用或没有读取权限。") from None
    except OSError as error:
        raise UserError(f"无法读取文件“{path.name}”：{error.strerror or error}") from None
    return decode_text(data, name=path.name)


def _read_docx(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_DOCX_UNPACKED:
                raise UserError(f"文件“{path.name}”解压后过大，可能已损坏或不是正常的 Word 文件。")
        import docx  # heavy: only when a .docx is actually read

        document = docx.Document(str(path))
    except UserError:
        raise
    except PermissionError:
        raise UserError(f"文件“{path.name}”被其他程序占用（可能正在 Word 中打开），请关闭后重试。") from None
    except Exception:  # python-docx raises many kinds on a broken package
        raise UserError(f"文件“{path.name}”不是有效的 Word（.docx）文件，或文件已损坏。") from None
    return "\n".join(_block_lines(document))


def _read_pdf(path: Path) -> str:
    """The text layer of a PDF, pages separated by form feeds (the parser drops page furniture)."""
    try:
        from pypdf import PdfReader  # only when a PDF is actually read
        from pypdf.errors import PdfReadError

        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise UserError(f"PDF 文件“{path.name}”已加密，无法读取文字，请提供未加密的文件或 .docx/.txt。")
        text = "\f".join(page.extract_text() or "" for page in reader.pages)
    except UserError:
        raise
    except PermissionError:
        raise UserError(f"文件“{path.name}”被其他程序占用或没有读取权限。") from None
    except (PdfReadError, OSError, ValueError, KeyError, TypeError):
        raise UserError(f"文件“{path.name}”不是有效的 PDF 文件，或文件已损坏。") from None
    if not text.replace("\f", "").strip():
        raise UserError(f"PDF 文件“{path.name}”中没有可提取的文字（可能是扫描件），"
                        "请使用文字版 PDF，或另存为 .docx/.txt 后再导入。")
    return text


def _block_lines(container) -> list[str]:
    """Paragraphs and table cells in reading order; a merged cell is read once."""
    lines: list[str] = []
    for block in container.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) not in seen:  # merged cells repeat the same <w:tc>
                        seen.add(id(cell._tc))
                        lines += _block_lines(cell)
        else:
            lines.append(block.text)
    return lines
