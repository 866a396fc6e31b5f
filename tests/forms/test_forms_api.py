"""The worker API answers every request with a dict and never raises."""
import pytest

from forms.api import handle
from forms.language import messages

MSG_INTERNAL = messages("fi")("api.internal")


def test_validate(states):
    assert handle({"lang": "fi", "op": "validate", "form": "kutsu", "state": states["FULL"]["kutsu"],
                   "today": "2027-02-01"}) == {"errors": [], "normalised": {}, "warnings": []}
    r = handle({"lang": "fi", "op": "validate", "form": "kutsu", "state": {}})
    assert r["errors"][0] == {"field": "client_name", "message": "Kirjoita asiakkaan etunimi."}


def test_validate_tells_the_canonical_text(states):
    """What a phone's keypad or a hurried worker types is accepted and given back in canonical
    form, which the page writes into the field."""
    import datetime

    state = states["FULL"]["kutsu"]
    state.update(date="ti 15.12.", start_time="14,00", end_time="1530", remote_link="esimerkki.fi/kokous")
    state["invitees"][0]["name"] = "Matti"
    r = handle({"lang": "fi", "op": "validate", "form": "kutsu", "state": state})
    today = datetime.date.today()
    year = today.year if (today.month, today.day) <= (12, 15) else today.year + 1
    if datetime.date(year, 12, 15).weekday() == 1:  # "ti": only a Tuesday passes
        assert r["errors"] == []
        assert r["normalised"]["date"] == f"15.12.{year}"
    else:
        assert [e["field"] for e in r["errors"]] == ["date"] and "tiistai" in r["errors"][0]["message"]
    assert r["normalised"]["start_time"] == "14.00" and r["normalised"]["end_time"] == "15.30"
    assert r["normalised"]["remote_link"] == "https://esimerkki.fi/kokous"
    assert "invitees.0.name" not in r["normalised"]


def test_export_print_is_the_letter(states):
    r = handle({"lang": "fi", "op": "export", "form": "kutsu", "format": "print", "state": states["CASE"]["kutsu"]})
    assert r["errors"] == [] and r["html"].startswith('<article class="print-document"')
    assert "Hei!" in r["html"] and "SALASSA PIDETTÄVÄ" in r["html"]
    assert "Kävimme" not in r["html"] and "valinnainen" not in r["html"]
    r = handle({"lang": "fi", "op": "export", "form": "palaute", "format": "print", "state": states["CASE"]["palaute"]})
    assert r["errors"] == [] and "4 = samaa mieltä" in r["html"]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "txt", "ics", "json", "phone"])
def test_export_files(states, fmt):
    r = handle({"lang": "fi", "op": "export", "form": "kutsu", "format": fmt, "state": states["FULL"]["kutsu"]})
    assert r["errors"] == []
    assert set(r["file"]) == {"name", "mime", "data"} and isinstance(r["file"]["data"], bytes)


def test_export_email(states):
    r = handle({"lang": "fi", "op": "export", "form": "kutsu", "format": "email", "state": states["FULL"]["kutsu"]})
    assert r["errors"] == [] and r["url"].startswith("mailto:?bcc=") and "PDF" in r["notice"]


def test_export_invalid_gives_errors():
    r = handle({"lang": "fi", "op": "export", "form": "kutsu", "format": "pdf", "state": {"date": "31.2.2027"}})
    assert "file" not in r
    assert {"field": "date", "message": "Päivämäärää 31.2.2027 ei ole olemassa."} in r["errors"]


def test_draft_json_saved_even_when_invalid():
    r = handle({"lang": "fi", "op": "export", "form": "muistio", "format": "json", "state": {"place": "Koulu"}})
    assert r["errors"] == [] and r["file"]["name"] == "verkostokokous-muistio.json"


def test_muistio_ics_needs_followup(states):
    r = handle({"lang": "fi", "op": "export", "form": "muistio", "format": "ics", "state": states["MINIMAL"]["muistio"]})
    assert r["errors"][0]["field"] == "followup_date" and "seurantapalaverin" in r["errors"][0]["message"]


def test_import(states):
    saved = handle({"lang": "fi", "op": "export", "form": "palaute", "format": "json", "state": states["FULL"]["palaute"]})
    r = handle({"lang": "fi", "op": "import", "form": "palaute", "data": saved["file"]["data"]})
    assert r["errors"] == [] and r["state"]["role"] == "laheinen"
    r = handle({"lang": "fi", "op": "import", "form": "kutsu", "data": saved["file"]["data"]})
    assert r["errors"] == [{"field": "", "message": "Tiedosto on palautelomake, ei kutsu."}]


@pytest.mark.parametrize("request_", [
    None, 5, "warm", {}, {"lang": "fi", "op": "nope"}, {"lang": "fi", "op": "validate"}, {"lang": "fi", "op": "validate", "form": "x"},
    {"lang": "fi", "op": "export", "form": "palaute", "format": "docx", "state": {}},
    {"lang": "fi", "op": "export", "form": "kutsu", "format": None, "state": None},
    {"lang": "fi", "op": "export", "form": "kutsu", "format": "pdf", "state": [1, 2]},
    {"lang": "fi", "op": "import", "form": "kutsu", "data": None},
    {"lang": "fi", "op": "validate", "form": ["kutsu"], "state": {}},
])
def test_bad_requests(request_):
    r = handle(request_)
    assert isinstance(r, dict) and r["errors"]
    assert all(set(e) == {"field", "message"} and e["message"] for e in r["errors"])
    assert MSG_INTERNAL not in [e["message"] for e in r["errors"]], "a bad request crashed handle()"


def test_warm_and_no_other_ops():
    assert handle({"lang": "fi", "op": "warm"}) == {"errors": []}
    r = handle({"lang": "fi", "op": "definition", "form": "muistio"})  # removed: nothing asked for it
    assert "definition" not in r and r["errors"][0]["message"] == "Tuntematon pyyntö."
