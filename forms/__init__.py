"""Form definitions, validation and exporters for the network-meeting forms.

Pure Python, standard library only at import time, so the same package runs in CPython
(tests, build-time rendering) and in Pyodide (the browser worker).
"""
