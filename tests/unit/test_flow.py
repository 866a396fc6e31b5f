"""The flow diagram macro: data, SVG structure, links and highlighting."""

import xml.etree.ElementTree as ET

import pytest

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
