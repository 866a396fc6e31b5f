"""Count the lines of HTML written inside Python string literals (markup belongs in Jinja templates).

    .venv/bin/python scripts/html_in_python.py            # the count, per file; exit 1 over the limit
    .venv/bin/python scripts/html_in_python.py --lines    # and every counted line

A line counts when a string literal on it (a plain string or the literal text of an f-string, read
with ``tokenize``, so nothing reads Python with a regular expression) holds an HTML tag: ``<p``,
``</p>``, ``<br>``, ``<svg``, ``<!--`` (other XML, such as a DOCX file's parts, is not HTML).
Docstrings and other bare string statements (found with ``ast``) are prose, not markup, and are not
counted. The folders checked are the project's Python outside the tests.
"""
from __future__ import annotations

import argparse
import ast
import io
import re
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("forms", "macros", "hooks", "scripts")
LIMIT = 40
# The elements of HTML (the WHATWG standard's list, and svg and math, which HTML embeds).
HTML_ELEMENTS = frozenset("""
a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption
cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset
figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins
kbd label legend li link main map mark menu meta meter nav noscript object ol optgroup option
output p picture pre progress q rp rt ruby s samp script search section select slot small source
span strong style sub summary sup table tbody td template textarea tfoot th thead time title tr
track u ul var video wbr svg math
""".split())
# A start or end tag or a comment in the text of a string literal (HTML, not Python).
TAG = re.compile(r"<(!--|/?([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$))")
STRING_TOKENS = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}


def _prose_lines(tree: ast.AST) -> set[int]:
    """Lines of docstrings and other string statements."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            lines.update(range(node.lineno, node.end_lineno + 1))
    return lines


def html_lines(source: str) -> list[tuple[int, str]]:
    """(line number, line) of each source line on which a string literal holds a tag."""
    prose = _prose_lines(ast.parse(source))
    found: set[int] = set()
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type not in STRING_TOKENS:
            continue
        for offset, part in enumerate(tok.string.split("\n")):
            row = tok.start[0] + offset
            if row not in prose and any(m[1] == "!--" or m[2].lower() in HTML_ELEMENTS
                                        for m in TAG.finditer(part)):
                found.add(row)
    text = source.splitlines()
    return [(row, text[row - 1]) for row in sorted(found)]


def python_files(root: Path = ROOT) -> list[Path]:
    return sorted(p for folder in FOLDERS for p in (root / folder).rglob("*.py")
                  if "tests" not in p.relative_to(root).parts)


def count(root: Path = ROOT) -> dict[str, list[tuple[int, str]]]:
    """{relative path: counted lines} for every file with at least one."""
    out = {}
    for path in python_files(root):
        lines = html_lines(path.read_text(encoding="utf-8"))
        if lines:
            out[str(path.relative_to(root))] = lines
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", action="store_true", help="print every counted line")
    parser.add_argument("--root", type=Path, default=ROOT, help="the tree to count (default: this one)")
    args = parser.parse_args(argv)
    found = count(args.root)
    total = sum(len(lines) for lines in found.values())
    for path, lines in sorted(found.items(), key=lambda item: -len(item[1])):
        print(f"{len(lines):4d}  {path}")
        if args.lines:
            for row, line in lines:
                print(f"      {row:4d}: {line.strip()}")
    print(f"{total:4d}  lines of HTML in Python strings (limit {LIMIT})")
    return 0 if total <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
