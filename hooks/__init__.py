"""MkDocs build hooks (listed under `hooks:` in mkdocs.yml, loaded by MkDocs by file path):

* ``pyodide_assets.py``: names the Pyodide runtime's content-named folder for the templates and
  copies the Pyodide bundle (built by ``make build``) into the site.
* ``csp.py``: the Content-Security-Policy ``<meta>`` with per-page script hashes, ``_headers``
  and the nginx snippet from the same policy.
* ``offline.py`` (+ ``service-worker.js``): the service worker, the offline file lists and the
  web app manifest, made from the built site.

Page macros live in ``macros/``; these only act on the build. A package too, so tests and
scripts can import them (``from hooks.csp import script_hashes``).
"""
