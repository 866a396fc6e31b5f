"""Build the subset fonts that the PDF exporter embeds: ``python -m forms._build_fonts``.

Reads DejaVu Sans (regular and bold) from the npm package ``dejavu-fonts-ttf``
(``node_modules/dejavu-fonts-ttf/ttf/``) and writes Latin + Cyrillic subsets to
``forms/fonts/`` (gitignored; the Makefile runs this before building the site and the wheel).
The full fonts are ~750 kB each; the subsets are ~90 kB, which matters in the browser.

Usage: python -m forms._build_fonts [NODE_MODULES_DIR]   (default: ./node_modules)
"""
from __future__ import annotations

import sys
from pathlib import Path

FONTS = {"DejaVuSans.ttf": "DejaVuSans.ttf", "DejaVuSans-Bold.ttf": "DejaVuSans-Bold.ttf"}

#: Unicode ranges kept in the subset.
RANGES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement (ä, ö, å, é …)
    (0x0100, 0x017F),  # Latin Extended-A (š, ž …)
    (0x0180, 0x024F),  # Latin Extended-B
    (0x0300, 0x036F),  # combining diacritics (decomposed input)
    (0x0400, 0x04FF),  # Cyrillic
    (0x0500, 0x052F),  # Cyrillic Supplement
    (0x2000, 0x206F),  # General Punctuation (en dash, quotes, ellipsis …)
    (0x20A0, 0x20CF),  # Currency symbols (€)
    (0x2100, 0x214F),  # Letterlike symbols (№, ™)
    (0x2190, 0x21FF),  # Arrows
    (0x2022, 0x2022),  # bullet
    (0x2610, 0x2612),  # ☐ ☑ ☒ checkboxes
    (0x2713, 0x2714),  # ✓ ✔
    (0xFFFD, 0xFFFD),  # replacement character, used for glyphs the font lacks
]


def unicodes() -> list[int]:
    out: set[int] = set()
    for a, b in RANGES:
        out.update(range(a, b + 1))
    return sorted(out)


def build(node_modules: Path, out_dir: Path) -> list[Path]:
    from fontTools import subset  # build-time only

    src_dir = node_modules / "dejavu-fonts-ttf" / "ttf"
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for src_name, out_name in FONTS.items():
        src = src_dir / src_name
        if not src.is_file():
            raise SystemExit(f"missing {src}: run `npm ci` first")
        options = subset.Options()
        options.layout_features = ["kern", "liga", "mark", "mkmk", "ccmp", "locl"]
        options.name_IDs = ["*"]  # keep the licence and copyright names
        options.notdef_outline = True
        options.hinting = False  # the PDF does not need TrueType hinting
        options.drop_tables += ["FFTM"]
        font = subset.load_font(str(src), options)
        sub = subset.Subsetter(options)
        sub.populate(unicodes=unicodes())
        sub.subset(font)
        target = out_dir / out_name
        subset.save_font(font, str(target), options)
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    node_modules = Path(argv[1]) if len(argv) > 1 else Path.cwd() / "node_modules"
    out_dir = Path(__file__).resolve().parent / "fonts"
    for p in build(node_modules, out_dir):
        print(f"{p} ({p.stat().st_size // 1024} kB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
