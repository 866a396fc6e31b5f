"""The flow diagram macro: data, SVG structure, links and highlighting."""

import xml.etree.ElementTree as ET

import pytest

from forms.contracts import attribute
from forms.language import messages
from macros.flow import Flow, Step, load_flow as _load_flow, render_flow as _render_flow


def load_flow():
    return _load_flow(messages("fi"))


def render_flow(from_url, highlight=None, flow=None):
    return _render_flow(from_url, highlight, flow or load_flow())

SVG = "{http://www.w3.org/2000/svg}"
EXPECTED_TEXTS = [
    "Huoli ja omat keinot vähissä",
    "Päätös kokouksesta, valmistelut ja kutsut",
    "Aloita asiakkaasta, miksi on kokoonnuttu",
    "Käydään läpi ketä paikalla ja miksi",
    "Valitaan puheenjohtaja ja kirjuri",
    "Käsitellään asiat tulevaisuuteen suuntaavasti",
    "Yhteenveto: kuka tekee ja mitä",
    "Sovitaan vastuutyöntekijä ja seuranta",
]


def parse(html: str) -> ET.Element:
    return ET.fromstring(html)  # the figure must be well-formed XML as well as HTML


def drawings(fig: ET.Element) -> dict[str, ET.Element]:
    return {svg.get("class").split("--")[1]: svg for svg in fig.iter(f"{SVG}svg")}


def test_data_has_the_handbooks_eight_steps_in_order():
    flow = load_flow()
    assert [s.text for s in flow.steps] == EXPECTED_TEXTS
    assert [s.group for s in flow.steps] == ["before"] * 3 + ["meeting"] * 5


def test_two_drawings_each_with_eight_links_in_step_order():
    fig = parse(render_flow("kulku/"))
    svgs = drawings(fig)
    assert set(svgs) == {"wide", "narrow"}
    for svg in svgs.values():
        links = svg.findall(f".//{SVG}a")
        assert [a.get("aria-label") for a in links] == [f"{i}. {t}" for i, t in enumerate(EXPECTED_TEXTS, 1)]
        # the text a sighted reader sees is the same as the link name
        assert [" ".join("".join(a.find(f"{SVG}text[@class='flow-text']").itertext()).split()) for a in links] == EXPECTED_TEXTS


def test_links_are_relative_to_the_page_and_point_at_sections():
    fig = parse(render_flow("kulku/"))
    hrefs = [a.get("href") for a in drawings(fig)["wide"].findall(f".//{SVG}a")]
    assert hrefs[0] == "../milloin/#milloin"
    assert hrefs[4] == "../kokouksessa/#puheenjohtaja"
    fig_root = parse(render_flow(""))
    assert drawings(fig_root)["wide"].find(f".//{SVG}a").get("href") == "milloin/#milloin"


def test_screen_reader_text_alternative_lists_steps_in_order():
    svg = drawings(parse(render_flow("kulku/")))["wide"]
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert svg.get("aria-labelledby") == title.get("id")
    assert svg.get("aria-describedby") == desc.get("id")
    positions = [desc.text.index(f"{i}. {t}.") for i, t in enumerate(EXPECTED_TEXTS, 1)]
    assert positions == sorted(positions)


def test_arrow_markers_are_per_drawing():
    fig = parse(render_flow("kulku/"))
    for variant, svg in drawings(fig).items():
        marker_ids = {m.get("id") for m in svg.iter(f"{SVG}marker")}
        assert marker_ids == {f"flow-head-{variant}"}
        used = {el.get("marker-end") for el in svg.iter() if el.get("marker-end")}
        assert used == {f"url(#flow-head-{variant})"}


def test_highlight_marks_exactly_one_step_per_drawing():
    fig = parse(render_flow("kokouksessa/", highlight="puheenjohtaja"))
    for svg in drawings(fig).values():
        current = [a for a in svg.iter(f"{SVG}a") if a.get("aria-current") == "step"]
        assert [a.get("aria-label") for a in current] == ["5. Valitaan puheenjohtaja ja kirjuri"]
        assert "flow-step--current" in current[0].get("class")
    assert "aria-current" not in render_flow("kulku/")


def test_unknown_highlight_fails_loudly():
    with pytest.raises(ValueError, match="no step"):
        render_flow("kulku/", highlight="ei-ole")


def test_text_is_escaped():
    flow = Flow("T", {"before": "B"}, (Step(1, "a", ("<b>&</b>",), "before", "index.md"),))
    html = render_flow("", flow=flow)
    assert "<b>" not in html and "&lt;b&gt;&amp;&lt;/b&gt;" in html


# ---- Layout: measured from each language's words -------------------------------------------

from forms.language import site_languages  # noqa: E402
from macros.flow import METRICS, layout_narrow, layout_wide, text_width  # noqa: E402


def _segments(arrow):
    return list(zip(arrow.points, arrow.points[1:]))


def _crosses(segment, left, top, right, bottom) -> bool:
    (x1, y1), (x2, y2) = segment
    return min(x1, x2) <= right and max(x1, x2) >= left and min(y1, y2) <= bottom and max(y1, y2) >= top


@pytest.mark.parametrize("code", site_languages())
@pytest.mark.parametrize("layout", [layout_wide, layout_narrow])
def test_layout_keeps_words_clear_of_badges_arrows_and_each_other(code, layout):
    mt = METRICS
    drawing = layout(_load_flow(messages(code)))
    boxes = drawing.boxes
    assert [b.step.number for b in boxes] == list(range(1, 9))
    for b in boxes:
        assert b.x >= 0 and b.right <= drawing.width and b.bottom <= drawing.height
        bx, by = b.badge
        for line in b.lines:
            half = text_width(line.text, mt.font, mt.char) / 2
            # the line (estimated generously) stays in its box, right of its badge
            assert line.x - half >= bx + mt.badge_r and line.x + half <= b.right, (code, line.text)
            assert b.y < line.y - mt.font and line.y < b.bottom
    for a, b in zip(boxes, boxes[1:]):
        assert not (a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom), "boxes overlap"
    for label in drawing.labels:
        area = (label.x, label.y - mt.label_font, label.x + label.width, label.y + 4)
        assert not any(_crosses(s, *area) for arrow in drawing.arrows for s in _segments(arrow)), label.text
        assert not any(b.x < area[2] and area[0] < b.right and b.y < area[3] and area[1] < b.bottom for b in boxes)
    # every arrow ends on the top or the left side of the next step's box
    ends = [arrow.points[-1] for arrow in drawing.arrows]
    assert len(ends) == 7
    for (x, y), box in zip(ends, boxes[1:]):
        assert (abs(y - (box.y - 2)) < 0.01 and box.x < x < box.right) or (abs(x - (box.x - 2)) < 0.01 and box.y < y < box.bottom)


def test_a_label_too_long_for_its_arrow_fails_the_layout():
    flow = load_flow()
    long = Flow(flow.title, {**flow.groups, "meeting": "X" * 60}, flow.steps)
    with pytest.raises(ValueError, match="too long"):
        layout_narrow(long)


def test_presentation_view_comes_with_the_button_and_dialog_in_the_pages_words():
    m = messages("sv")
    html = _render_flow("kulku/", None, _load_flow(m), m, present=True)
    fig = parse(html)
    button = fig.find(f".//button[@{attribute('present')}]")
    assert button is not None and button.get("hidden") is not None and button.text == m("flow.present.open")
    dialog = fig.find(f".//dialog[@{attribute('present_dialog')}]")
    assert dialog.find(f".//*[@{attribute('present_stage')}]") is not None
    assert m("flow.present.hint") in "".join(dialog.itertext())
    assert attribute("present") not in render_flow("kulku/")
    with pytest.raises(ValueError, match="catalogue"):
        _render_flow("kulku/", None, load_flow(), present=True)


def test_markup_has_no_blank_line():
    """A blank line would end Markdown's raw HTML block."""
    m = messages("fi")
    assert "\n\n" not in _render_flow("kulku/", None, _load_flow(m), m, present=True)
