"""What a page prints, read back: the page printed to an A4 PDF and its text per sheet."""

from __future__ import annotations

import shutil
import subprocess


def printed_pages(page, tmp_path) -> list[str]:
    """What the page prints now: the text of each A4 page."""
    page.emulate_media(media="print")
    pdf = tmp_path / "print.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run([shutil.which("pdftotext"), "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [p for p in text.split("\f") if p.strip()]


def keep_print_mode(page) -> None:
    # Headless Chromium's print() returns at once and fires afterprint, which ends the print
    # mode before page.pdf() could see it; a user's print dialog keeps it until it closes.
    page.evaluate("() => { window.print = () => {}; }")
