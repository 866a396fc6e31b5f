"""Form definitions, validation and exporters for the network-meeting forms.

Pure Python, standard library only at import time, so the same package runs in CPython
(tests, build-time rendering) and in Pyodide (the browser worker). Third-party libraries
(fpdf2, fontTools, icalendar) are imported lazily inside the exporters.

Main entry points:

* :data:`FORM_IDS`, :func:`get_form`
* :func:`validate` → list of :class:`FieldError`
* :func:`state_from_pairs`, :func:`pairs_from_state`, :func:`clean_state` (state format: see
  :mod:`forms.model.state`)
* :mod:`forms.exports` (one function per format), :func:`forms.api.handle` (the worker's entry),
  :func:`forms.rendering.render_form` (build-time HTML).
"""
from forms.model import FORM_IDS, FormDef, Field, Section, get_form
from forms.model.state import clean_state, empty_state, pairs_from_state, state_from_pairs
from forms.validation import FieldError, validate

__all__ = [
    "FORM_IDS", "FormDef", "Field", "Section", "FieldError", "get_form", "validate", "state_from_pairs", "pairs_from_state", "clean_state",
    "empty_state",
]
