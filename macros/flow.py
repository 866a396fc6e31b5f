"""The flow diagram "Tiivistetysti verkostokokouksen valmistelu ja kulku" as inline SVG.

The steps are data (flow_steps.yml); this module only lays them out. Two drawings are
emitted, a two-row one for wide screens and paper and a single column for phones; CSS shows
one of them (the hidden one is display:none, so it is neither read nor focusable). No script.
Each box is a link to its handbook section; the SVG's <title>/<desc> and the links, read in
document order, give a screen reader the steps in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

import yaml

from forms.language import Messages

from .headings import page_url, relative_url

DATA_FILE = Path(__file__).with_name("flow_steps.yml")

BOX_W, BOX_H, GAP = 168, 96, 24
NARROW_BOX_W = 260  # a phone column is wider in proportion, so its text is not blown up
LINE_H = 18


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


def _href(step: Step, from_url: str) -> str:
    page, _, anchor = step.link.partition("#")
    return relative_url(page_url(page) + (f"#{anchor}" if anchor else ""), from_url)


def _box(step: Step, x: int, y: int, from_url: str, current: str | None, prefix: str, w: int = BOX_W) -> str:
    cx = x + w // 2
    first = y + BOX_H // 2 - (len(step.lines) - 1) * LINE_H // 2 + 5
    tspans = "\n".join(
        f'<tspan x="{cx}" y="{first + i * LINE_H}">{escape(line)}</tspan>'
        for i, line in enumerate(step.lines)
    )
    is_current = step.id == current
    cls = "flow-step flow-step--current" if is_current else "flow-step"
    aria_current = ' aria-current="step"' if is_current else ""
    return (
        f'<a class="{cls}" href="{escape(_href(step, from_url))}"{aria_current} '
        f'id="{prefix}-{step.id}" aria-label="{step.number}. {escape(step.text)}">\n'
        f'<rect x="{x}" y="{y}" width="{w}" height="{BOX_H}" rx="12"/>\n'
        f'<circle class="flow-num" cx="{x + 14}" cy="{y + 14}" r="11"/>'
        f'<text class="flow-num-text" x="{x + 14}" y="{y + 19}" aria-hidden="true">{step.number}</text>\n'
        f'<text class="flow-text">\n{tspans}\n</text>\n</a>'
    )


def _arrow(x1: float, y1: float, x2: float, y2: float, variant: str) -> str:
    return (
        f'<line class="flow-arrow" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" '
        f'marker-end="url(#flow-head-{variant})"/>'
    )


def _defs(variant: str) -> str:
    # One marker per drawing: a marker inside the hidden (display:none) drawing would not paint.
    return (
        f'<defs><marker id="flow-head-{variant}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="flow-head"/>'
        "</marker></defs>"
    )


def _svg(flow: Flow, variant: str, width: int, height: int, body: list[str]) -> str:
    title_id, desc_id = f"flow-{variant}-title", f"flow-{variant}-desc"
    desc = " ".join(f"{s.number}. {s.text}." for s in flow.steps)
    return (
        f'<svg class="flow flow--{variant}" viewBox="0 0 {width} {height}" role="group" '
        f'aria-labelledby="{title_id}" aria-describedby="{desc_id}" xmlns="http://www.w3.org/2000/svg">\n'
        f'<title id="{title_id}">{escape(flow.title)}</title>\n'
        f'<desc id="{desc_id}">{escape(desc)}</desc>\n' + _defs(variant) + "\n" + "\n".join(body) + "\n</svg>"
    )


def _wide(flow: Flow, from_url: str, current: str | None, per_row: int = 3) -> str:
    """Rows of at most `per_row` boxes; each group starts a row under its label."""
    rows: list[tuple[str | None, list[Step]]] = []
    for s in flow.steps:
        if not rows or s.group != rows[-1][1][0].group:
            rows.append((s.group, [s]))
        elif len(rows[-1][1]) == per_row:
            rows.append((None, [s]))  # same group, wrapped: no label
        else:
            rows[-1][1].append(s)
    width = per_row * BOX_W + (per_row - 1) * GAP + 24
    body, y = [], 0
    previous_bottom: tuple[float, float] | None = None
    for group, steps in rows:
        if group:
            body.append(f'<text class="flow-group" x="12" y="{y + 22}">{escape(flow.groups[group])}</text>')
            y += 34
        else:
            y += 24
        for i, s in enumerate(steps):
            x = 12 + i * (BOX_W + GAP)
            if i == 0 and previous_bottom:
                px, py = previous_bottom
                body.append(
                    f'<path class="flow-arrow" d="M{px},{py} V{y - 26} H{x + BOX_W / 2} V{y - 2}" '
                    'fill="none" marker-end="url(#flow-head-wide)"/>'
                )
            if i > 0:
                body.append(_arrow(x - GAP + 2, y + BOX_H / 2, x - 2, y + BOX_H / 2, "wide"))
            body.append(_box(s, x, y, from_url, current, "flow-wide"))
        last_x = 12 + (len(steps) - 1) * (BOX_W + GAP)
        previous_bottom = (last_x + BOX_W / 2, y + BOX_H + 2)
        y += BOX_H + 24
    return _svg(flow, "wide", width, y, body)


def _narrow(flow: Flow, from_url: str, current: str | None) -> str:
    """One column for phones, with the group label before its first step."""
    box_w = NARROW_BOX_W
    width, x, y, body = box_w + 24, 12, 0, []
    group = None
    for s in flow.steps:
        if s.group != group:
            group = s.group
            body.append(f'<text class="flow-group" x="12" y="{y + 22}">{escape(flow.groups[group])}</text>')
            y += 34
        body.append(_box(s, x, y, from_url, current, "flow-narrow", box_w))
        y += BOX_H
        if s is not flow.steps[-1]:
            body.append(_arrow(x + box_w / 2, y + 2, x + box_w / 2, y + GAP - 2, "narrow"))
            y += GAP
    return _svg(flow, "narrow", width, y + 4, body)


def render_flow(from_url: str, highlight: str | None, flow: Flow) -> str:
    """The diagram as one HTML block for a Markdown page at site-relative URL `from_url`."""
    if highlight is not None and highlight not in {s.id for s in flow.steps}:
        raise ValueError(f"flow_diagram: no step {highlight!r}")
    return (
        '<figure class="flow-figure">'
        + _wide(flow, from_url, highlight)
        + _narrow(flow, from_url, highlight)
        + f"<figcaption>{escape(flow.title)}</figcaption></figure>"
    )
