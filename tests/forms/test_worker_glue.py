"""forms.worker_glue: what the browser's worker calls for every request (CPython and Pyodide)."""

from __future__ import annotations

import json
import random

from forms.worker_glue import after_restore, worker_call


def test_a_request_comes_back_as_json_with_its_files_beside_it():
    text, blobs = worker_call(json.dumps({"op": "export", "form": "kutsu", "lang": "fi", "format": "json",
                                          "state": {"client_name": "Aino"}}))
    response = json.loads(text)
    assert response["errors"] == []
    index = response["file"]["data"]["\u0000bytes"]
    assert json.loads(blobs[index])["data"]["client_name"] == "Aino"


def test_binary_data_reaches_the_request_as_bytes():
    draft = worker_call(json.dumps({"op": "export", "form": "kutsu", "lang": "fi", "format": "json",
                                    "state": {"client_name": "Aino"}}))[1][0]
    text, _ = worker_call(json.dumps({"op": "import", "form": "kutsu", "lang": "fi"}), memoryview(draft))
    assert json.loads(text)["state"]["client_name"] == "Aino"


def test_a_failure_inside_is_a_coded_error_not_an_exception():
    text, blobs = worker_call("{not json")
    assert json.loads(text) == {"errors": [{"field": "", "code": "internal"}]} and blobs == []


def test_after_a_restore_random_draws_differ_from_the_snapshots():
    random.seed(12345)   # the state a snapshot would have frozen for every visitor
    frozen = random.getstate()
    after_restore()
    assert random.getstate() != frozen
