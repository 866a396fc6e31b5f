"""The site's build steps around the pages (a package, so scripts and tests can import them):

* ``languages.py``: an MkDocs hook (``hooks:`` in mkdocs.yml) giving each language's build its
  address, words and language list before the pages render.
* ``pyodide_assets.py``: names the Pyodide runtime's content-named folder for the templates (an
  MkDocs hook too) and copies the Pyodide bundle (built by ``make build``) into the site.
* ``csp.py``: the Content-Security-Policy ``<meta>`` with per-page script hashes, ``_headers``
  and the nginx snippet from the same policy.
* ``offline.py`` (+ ``service-worker.js``): the service worker and the offline file lists.
* ``serve.py`` (+ ``service-worker-unregister.js``): an MkDocs hook for ``mkdocs serve`` only,
  whose ``sw.js`` removes a caching worker left on the same address.

The copy, the policy and the offline files work on the built folder, after every language is
built: one finishing step, ``scripts/finish_site.py``, which ``make build`` runs. Page macros
live in ``macros/``.
"""
