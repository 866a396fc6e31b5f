"""QR codes (inline SVG, made with segno at build time) for trainers' slides and handouts."""

from __future__ import annotations

from html import escape

import segno


def qr_svg(url: str, label: str, scale: int = 3) -> str:
    """An inline SVG QR code of `url`, named `label` for screen readers, black on white in both themes."""
    code = segno.make(url, error="m", micro=False)
    # A viewBox (omitsize) so that the code scales with the width CSS gives it (a handout prints it
    # at 26 mm); width and height its natural size where CSS gives none.
    svg = code.svg_inline(scale=scale, border=2, dark="#000", light="#fff", svgclass="qr-code", omitsize=True)
    width, height = code.symbol_size(scale=scale, border=2)
    label = escape(label, quote=True)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" width="{width}" height="{height}" ', 1)


def qr_figure(url: str, label: str, caption: str | None = None, scale: int = 3) -> str:
    """The QR code with its URL printed under it, so the link also works typed by hand;
    `label` names it for a screen reader (in the page's language)."""
    text = escape(caption) + "<br>" if caption else ""
    return (
        f'<figure class="qr">{qr_svg(url, label, scale)}'
        f'<figcaption>{text}<a href="{escape(url)}">{escape(url)}</a></figcaption></figure>'
    )
