"""QR codes (inline SVG, made with segno at build time) for trainers' slides and handouts."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import segno
from markupsafe import Markup

from .render import render


def qr_svg(url: str, label: str, scale: int = 3) -> Markup:
    """An inline SVG QR code of `url`, named `label` for screen readers, black on white in both themes."""
    code = segno.make(url, error="m", micro=False)
    # A viewBox (omitsize) so that the code scales with the width CSS gives it (a handout prints it
    # at 26 mm); width and height its natural size where CSS gives none.
    drawn = ET.fromstring(code.svg_inline(scale=scale, border=2, dark="#000", light="#fff",
                                          svgclass="qr-code", omitsize=True))
    width, height = code.symbol_size(scale=scale, border=2)
    svg = ET.Element(drawn.tag, {"role": "img", "aria-label": label, "width": str(width),
                                 "height": str(height), **drawn.attrib})
    svg.extend(drawn)
    return Markup(ET.tostring(svg, encoding="unicode", short_empty_elements=True))


def qr_figure(url: str, label: str | None, caption: str | None = None, scale: int = 3) -> str:
    """The QR code of `url` with the address printed under it, so the link also works typed by
    hand; `label` names the code for a screen reader (in the page's language). Without a label,
    the address alone (``p.qr-missing``)."""
    return render("qr.html", url=url, caption=caption, svg=qr_svg(url, label, scale) if label else None)
