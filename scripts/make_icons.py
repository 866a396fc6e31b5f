"""Draw the site's app icons (web app manifest, favicon, home-screen icon) with Pillow.

Run once when the branding changes: `.venv/bin/python scripts/make_icons.py [#COLOUR]` (by default
the site's colour, extra.theme_color of mkdocs.yml); the PNGs are committed in overrides/assets/icons/. Three linked rings: a network of people.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "icons"


def draw(size: int, colour: str, maskable: bool) -> Image.Image:
    scale = 4  # draw large, then shrink: smooth edges
    s = size * scale
    img = Image.new("RGBA", (s, s), colour if maskable else (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    if not maskable:
        d.rounded_rectangle((0, 0, s - 1, s - 1), radius=s // 5, fill=colour)
    safe = 0.62 if maskable else 0.8  # maskable icons keep their content inside the safe circle
    r = s * safe / 4.4
    cx, cy = s / 2, s / 2 + r * 0.12
    centres = [(cx, cy - r * 0.95), (cx - r * 1.05, cy + r * 0.75), (cx + r * 1.05, cy + r * 0.75)]
    w = max(2, int(r * 0.28))
    for a in centres:
        for b in centres:
            if a < b:
                d.line((a, b), fill="white", width=w)
    for x, y in centres:
        d.ellipse((x - r * 0.62, y - r * 0.62, x + r * 0.62, y + r * 0.62), fill="white")
        d.ellipse((x - r * 0.36, y - r * 0.36, x + r * 0.36, y + r * 0.36), fill=colour)
    return img.resize((size, size), Image.LANCZOS)


def main() -> None:
    from forms._build_settings import read_settings
    from forms.language import default_language

    colour = sys.argv[1] if len(sys.argv) > 1 else read_settings()["theme_color"][default_language()]
    OUT.mkdir(parents=True, exist_ok=True)
    for name, size, maskable in [("icon-192.png", 192, False), ("icon-512.png", 512, False),
                                 ("icon-maskable-512.png", 512, True), ("apple-touch-icon.png", 180, True),
                                 ("favicon-32.png", 32, False)]:
        draw(size, colour, maskable).save(OUT / name, optimize=True)
        print(OUT / name)


if __name__ == "__main__":
    main()
