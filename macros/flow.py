"""The flow diagram "Tiivistetysti verkostokokouksen valmistelu ja kulku" as inline SVG.

The steps are data (flow_steps.yml), their words come from the catalogue; this module lays them
out and macros/templates/flow.html draws the layout. Two drawings are emitted, a row layout for
wide screens, paper and the presentation view, and a single column for phones; CSS shows one
of them (the hidden one is display:none, so it is neither read nor focusable). Each box is a
link to its handbook section; the SVG's <title>/<desc> and the links, read in document order,
give a screen reader the steps in order.

The layout is measured from the words of the language it draws: a box is as wide as its longest
line could be (estimated generously, as the reader's font is not known at build time) and as
high as the step with most lines; the number badge sits left of the text, so no line can run
under it; a group's label sits in its own band, and every line of an arrow that crosses that
band passes right of the label. A layout that cannot keep these apart fails the build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from forms.language import Messages

from .headings import page_url, relative_url
from .render import render

DATA_FILE = Path(__file__).with_name("flow_steps.yml")


@dataclass(frozen=True)
class Metrics:
    """Sizes in the drawing's own units (1 unit = 1 CSS px when drawn at its natural size)."""

    font: float = 16           # step text
    line: float = 20           # line height of step text
    label_font: float = 15     # group label (bold capitals)
    char: float = 0.6          # a character's width in em, generous (Liberation Sans ~0.47, DejaVu Sans ~0.53)
    label_char: float = 0.8    # the same for the bold group labels
    pad: float = 12            # inside a box, around its text
    badge_r: float = 12        # the step number's circle
    gap: float = 32            # between boxes in a row (holds an arrow)
    margin: float = 12         # around the drawing
    label_band: float = 36     # height of a group label's band
    turn: float = 14           # from a row (or label band) down to where a connecting arrow turns
    drop: float = 20           # from that turn down into the next box (the arrow head's room)
    clearance: float = 14      # between a label's end and an arrow crossing its band
    narrow_min_w: float = 240  # a phone column's boxes are at least this wide

    @property
    def text_x(self) -> float:
        """Where the text starts inside a box: right of the badge."""
        return self.pad + 2 * self.badge_r + 10


METRICS = Metrics()


@dataclass(frozen=True)
class Step:
    number: int
    id: str
    lines: tuple[str, ...]
    group: str
    link: str  # page.md#anchor

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass(frozen=True)
class Flow:
    title: str
    groups: dict[str, str]
    steps: tuple[Step, ...]


def load_flow(m: Messages, path: Path = DATA_FILE) -> Flow:
    """The steps from ``path``, their words from the catalogue ``m`` (``flow.*``)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    steps = tuple(
        Step(i, s["id"], tuple(m(f"flow.step.{s['id']}").split("\n")), s["group"], s["link"])
        for i, s in enumerate(data["steps"], 1)
    )
    ids = [s.id for s in steps]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{path}: duplicate step ids")
    for s in steps:
        if s.group not in data["groups"]:
            raise ValueError(f"{path}: step {s.id}: unknown group {s.group!r}")
    return Flow(m("flow.title"), {g: m(f"flow.group.{g}") for g in data["groups"]}, steps)


# ---- Layout ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    x: float  # centre
    y: float  # baseline
    text: str


@dataclass(frozen=True)
class Box:
    step: Step
    x: float
    y: float
    w: float
    h: float
    badge: tuple[float, float]  # the number circle's centre
    lines: tuple[Line, ...]

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class Label:
    x: float
    y: float  # baseline
    text: str
    width: float  # estimated, generous


@dataclass(frozen=True)
class Arrow:
    points: tuple[tuple[float, float], ...]  # a polyline; the head at its last point

    @property
    def points_attr(self) -> str:
        return " ".join(f"{_n(x)},{_n(y)}" for x, y in self.points)


@dataclass(frozen=True)
class Drawing:
    variant: str  # "wide" | "narrow"
    width: float
    height: float
    labels: tuple[Label, ...]
    arrows: tuple[Arrow, ...]
    boxes: tuple[Box, ...]


def _n(v: float) -> str:
    return f"{v:g}"


def text_width(text: str, size: float, em_per_char: float) -> float:
    """A generous estimate of a line's width (the reader's font is not known at build time)."""
    return len(text) * size * em_per_char


def _box_size(flow: Flow, mt: Metrics, min_w: float = 0) -> tuple[float, float]:
    longest = max(text_width(line, mt.font, mt.char) for s in flow.steps for line in s.lines)
    most_lines = max(len(s.lines) for s in flow.steps)
    w = max(min_w, mt.text_x + longest + mt.pad)
    h = max(most_lines * mt.line, 2 * mt.badge_r) + 2 * mt.pad
    return round(w), round(h)


def _box(step: Step, x: float, y: float, w: float, h: float, mt: Metrics) -> Box:
    first = y + (h - len(step.lines) * mt.line) / 2 + mt.line / 2 + mt.font * 0.35
    centre = x + mt.text_x + (w - mt.text_x - mt.pad) / 2  # of the area right of the badge
    lines = tuple(Line(centre, first + i * mt.line, text) for i, text in enumerate(step.lines))
    return Box(step, x, y, w, h, (x + mt.pad + mt.badge_r, y + mt.pad + mt.badge_r), lines)


def _label(text: str, top: float, mt: Metrics) -> Label:
    """A group label in the band that starts at `top`."""
    return Label(mt.margin, top + mt.label_band - 9, text, text_width(text, mt.label_font, mt.label_char))


def _rows(flow: Flow, per_row: int) -> list[tuple[str | None, list[Step]]]:
    """Rows of at most `per_row` steps; each group starts a row under its label (a group's
    wrapped row has none)."""
    rows: list[tuple[str | None, list[Step]]] = []
    for s in flow.steps:
        if not rows or s.group != rows[-1][1][0].group:
            rows.append((s.group, [s]))
        elif len(rows[-1][1]) == per_row:
            rows.append((None, [s]))
        else:
            rows[-1][1].append(s)
    return rows


def _crossing_x(wanted: float, label: Label | None, box: Box, mt: Metrics, what: str) -> float:
    """`wanted`, or further right if a line there would cross `label`; within `box`."""
    if label is None:
        return wanted
    x = max(wanted, label.x + label.width + mt.clearance)
    if x > box.right - mt.pad:
        raise ValueError(f"flow diagram: the label {label.text!r} is too long for the arrow {what}")
    return x


def layout_wide(flow: Flow, mt: Metrics = METRICS, per_row: int = 3) -> Drawing:
    """Rows of boxes joined by arrows; an arrow from a row's last box turns back to the next
    row's first box below the next row's label."""
    w, h = _box_size(flow, mt)
    rows = _rows(flow, per_row)
    labels: list[Label] = []
    arrows: list[Arrow] = []
    boxes: list[Box] = []
    y = 0.0
    previous: Box | None = None
    for group, steps in rows:
        label = None
        if group:
            label = _label(flow.groups[group], y, mt)
            labels.append(label)
            y += mt.label_band
        elif previous is None:
            y = mt.margin
        if previous is not None:
            start = _crossing_x(previous.x + w / 2, label, previous, mt, f"into step {steps[0].number}")
            turn = y + mt.turn
            y = turn + mt.drop
            end = mt.margin + w / 2
            arrows.append(Arrow(((start, previous.bottom + 2), (start, turn), (end, turn), (end, y - 2))))
        for i, s in enumerate(steps):
            x = mt.margin + i * (w + mt.gap)
            if i > 0:
                arrows.append(Arrow(((x - mt.gap + 2, y + h / 2), (x - 2, y + h / 2))))
            boxes.append(_box(s, x, y, w, h, mt))
        previous = boxes[-1]
        y += h
    width = mt.margin * 2 + per_row * w + (per_row - 1) * mt.gap
    return Drawing("wide", width, y + mt.margin, tuple(labels), tuple(arrows), tuple(boxes))


def layout_narrow(flow: Flow, mt: Metrics = METRICS) -> Drawing:
    """One column for phones, a group's label in a band before its first step."""
    w, h = _box_size(flow, mt, mt.narrow_min_w)
    labels: list[Label] = []
    arrows: list[Arrow] = []
    boxes: list[Box] = []
    y = 0.0
    group = None
    for s in flow.steps:
        label = None
        if s.group != group:
            group = s.group
            label = _label(flow.groups[group], y, mt)
            labels.append(label)
            y += mt.label_band
        elif not boxes:
            y = mt.margin
        if boxes:
            x = _crossing_x(mt.margin + w / 2, label, boxes[-1], mt, f"into step {s.number}")
            y += mt.drop
            arrows.append(Arrow(((x, boxes[-1].bottom + 2), (x, y - 2))))
        boxes.append(_box(s, mt.margin, y, w, h, mt))
        y += h
    return Drawing("narrow", mt.margin * 2 + w, y + mt.margin, tuple(labels), tuple(arrows), tuple(boxes))


# ---- Drawing ---------------------------------------------------------------------------------


def _href(step: Step, from_url: str) -> str:
    page, _, anchor = step.link.partition("#")
    return relative_url(page_url(page) + (f"#{anchor}" if anchor else ""), from_url)


def render_flow(from_url: str, highlight: str | None, flow: Flow, m: Messages | None = None,
                present: bool = False) -> str:
    """The diagram as one HTML block for a Markdown page at site-relative URL `from_url`;
    with `present`, also the button and the dialog of the presentation view (words from `m`)."""
    if highlight is not None and highlight not in {s.id for s in flow.steps}:
        raise ValueError(f"flow_diagram: no step {highlight!r}")
    if present and m is None:
        raise ValueError("flow_diagram: the presentation view needs the page's catalogue")
    return render(
        "flow.html",
        flow=flow,
        drawings=(layout_wide(flow), layout_narrow(flow)),
        href={s.id: _href(s, from_url) for s in flow.steps},
        current=highlight,
        present=present,
        t=m,
        n=_n,
    )
