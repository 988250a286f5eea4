"""Reading a policy document from a .txt or .docx file, refusing what is not one."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from planner.domain.running_lines import drop_running_lines
from planner.domain.text_decoding import decode_text_with_notes, is_undecodable_text_layer
from planner.exchange.pdf_fallback_glyphs import RunCollector, restore_fallback_glyphs
from planner.errors import UserError

MAX_POLICY_BYTES = 5 * 1024 * 1024
MAX_DOCX_BYTES = 50 * 1024 * 1024
# A .docx is a zip: refuse one whose parts would inflate past this (zip bombs).
MAX_DOCX_UNPACKED = 50 * 1024 * 1024


# Formats a user may pick that we cannot read, with how to get a readable file from them.
_CONVERT = {
    ".doc": "请在 Word 或 WPS 中打开，用“文件 → 另存为”另存为 .docx（Word 文档）或 PDF 后再导入",
    ".wps": "请在 WPS 中打开，用“文件 → 另存为”另存为 .docx（Word 文档）或 PDF 后再导入",
    ".odt": "请在 WPS、LibreOffice 或 Word 中打开，用“文件 → 另存为”另存为 .docx（Word 文档）或 PDF 后再导入",
    ".rtf": "请在 Word 或 WPS 中打开，用“文件 → 另存为”另存为 .docx（Word 文档）或 PDF 后再导入",
    ".ofd": "请用 OFD 阅读器（如数科 OFD 阅读器、福昕 OFD 版式办公套件）打开，导出或另存为 PDF，"
            "或向发文单位索取 Word（.docx）文件后再导入",
}
# A .doc and a .wps are OLE compound files; a .docx renamed from one starts with this.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class PolicySource:
    """A policy file's text and what its reader noticed (e.g. a list format it could not draw).

    ``lines_are_paragraphs``: each line of ``text`` is a paragraph or table cell of the file (a Word
    file), never a line the page's width cut, so the parser must not join lines or drop numbers.
    """

    text: str
    warnings: tuple[str, ...] = ()
    lines_are_paragraphs: bool = False


def read_policy_text(path: Path | str) -> str:
    """The text of a policy file (.txt in UTF-8/GBK, .docx, or a PDF with a text layer), as one string.

    Raises:
        UserError: missing, unreadable, too large, binary or malformed.
    """
    return read_policy_file(path).text


def read_policy_file(path: Path | str) -> PolicySource:
    """The text of a policy file with the reader's warnings; see read_policy_text. A PDF, and a
    text file made of pages (form feeds), lose the headers and footers repeated on their pages."""
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
    if suffix in _CONVERT:
        raise UserError(f"暂不支持“{path.suffix}”格式的文件“{path.name}”：{_CONVERT[suffix]}。")
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
    text, notes = decode_text_with_notes(data, name=path.name)
    if "\f" in text:  # pages (pdftotext's output, a text saved page by page): their running lines go too
        pages = _without_running_lines(text.split("\f"), path.name)
        return PolicySource(pages.text, warnings=(*notes, *pages.warnings))
    return PolicySource(text, warnings=notes)


def _read_docx(path: Path) -> PolicySource:
    try:
        with path.open("rb") as handle:
            if handle.read(len(_OLE_MAGIC)) == _OLE_MAGIC:
                raise UserError(f"文件“{path.name}”其实是旧版 Word（.doc）或 WPS 格式，只是扩展名为 .docx："
                                f"{_CONVERT['.doc']}。")
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
    from planner.exchange.docx_text import docx_lines

    lines, warnings = docx_lines(document)
    return PolicySource("\n".join(lines), tuple(f"“{path.name}”：{w}" for w in warnings), lines_are_paragraphs=True)


def _read_pdf(path: Path) -> PolicySource:
    """The text layer of a PDF, pages separated by form feeds: quote marks drawn in a fallback font
    put back in their places, the running headers and footers repeated on its pages removed (the
    parser drops the remaining page numbers)."""
    from planner.exchange.pypdf_quiet import quiet_pypdf

    try:
        from pypdf import PdfReader  # only when a PDF is actually read
        from pypdf.errors import DependencyError, FileNotDecryptedError

        with quiet_pypdf():
            reader = PdfReader(str(path))
            if reader.is_encrypted:
                _decrypt(reader, path.name)
            extracted = [_extract(page) for page in reader.pages]
    except UserError:
        raise
    except PermissionError:
        raise UserError(f"文件“{path.name}”被其他程序占用或没有读取权限。") from None
    except (FileNotDecryptedError, DependencyError):
        raise UserError(_PDF_PASSWORD.format(name=path.name)) from None
    except Exception:  # pypdf raises many kinds on a broken or hostile file (LimitReachedError, IndexError …)
        raise UserError(f"文件“{path.name}”不是有效的 PDF 文件，或文件已损坏。") from None
    # Outside the try: a slip in our own mending is a bug to see, not a "damaged file".
    pages = [restore_fallback_glyphs(text, runs) for text, runs in extracted]
    text = "\f".join(pages)
    if not text.replace("\f", "").strip():
        raise UserError(f"PDF 文件“{path.name}”中没有可提取的文字（可能是扫描件），"
                        "请使用文字版 PDF，或另存为 .docx/.txt 后再导入。")
    if is_undecodable_text_layer(text):
        raise UserError(f"“{path.name}”：PDF 的文字层无法识别（可能是扫描件或字体未带编码），请使用原始 Word 或文本文件。")
    return _without_running_lines(pages, path.name)


def _without_running_lines(pages: list[str], name: str) -> PolicySource:
    """The pages joined by form feeds without the headers and footers repeated on them, with a
    note naming each header removed."""
    running = drop_running_lines(pages)
    notes = tuple(f"“{name}”：已去除每页重复的页眉页脚“{line}”。" for line in running.headers)
    return PolicySource("\f".join(running.pages), notes)


def _extract(page) -> tuple[str, list]:
    """pypdf's plain text of a page and its text runs with their positions (for
    restore_fallback_glyphs)."""
    runs = RunCollector()
    return page.extract_text(visitor_text=runs) or "", runs.runs


_PDF_PASSWORD = ("PDF 文件“{name}”设有打开密码，无法读取其中的文字。请向发文单位索取未加密的 PDF，"
                 "或使用原始 Word 或文本文件。")


def _decrypt(reader, name: str) -> None:
    """Open an encrypted PDF that has no user password (only an owner password restricting printing
    or copying, as many published PDFs do); one that needs a password to open is refused."""
    from pypdf import PasswordType

    if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise UserError(_PDF_PASSWORD.format(name=name))
