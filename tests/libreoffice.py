"""LibreOffice headless as the tests use it: a private profile per folder, one file converted."""

import os
import subprocess
from pathlib import Path

FONTS_CONF = Path(__file__).parent / "exchange" / "fonts.conf"  # the official fonts aliased to installed ones


def convert(source: Path, folder: Path, target: str, *, fonts: bool = False) -> Path:
    """``soffice --convert-to target`` of ``source`` into ``folder``; the converted file's path.

    ``target`` is a suffix (pdf, xls, ods) or a filter spec ("csv:Text - txt - csv (StarCalc):44,34,76,1");
    ``fonts`` lays pages out with tests/exchange/fonts.conf (Word and Excel pages to PDF).
    """
    env = {**os.environ, "HOME": str(folder)}
    if fonts:
        env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}", "--headless",
                    "--convert-to", target, "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, env=env, timeout=240)
    converted = folder / f"{source.stem}.{target.split(':')[0]}"
    assert converted.is_file(), f"LibreOffice made no {converted.name}"
    return converted
