// Starts the forms' Python worker while the page's <head> is still being parsed, before the
// stylesheets and the page's own modules: the runtime's download and compile take seconds, and
// every millisecond the worker starts earlier is one the user waits less. Inlined by
// overrides/form.html (allowed by its CSP hash); python-client.mjs adopts the worker and replays
// the messages that arrived before it did. A classic script: it must run during parsing.
(function () {
  var script = document.currentScript;
  // ?python=boot or ?python=snapshot on the page's address forces the worker's start path (tests
  // and `make bench` measure both); without it the worker restores the forms' memory snapshot
  // when the offline copy holds it and boots normally otherwise. python-client.mjs reads the
  // attribute back if it has to start the worker itself.
  var start = /[?&]python=(boot|snapshot)(?:&|$)/.exec(location.search);
  if (start) script.setAttribute("data-worker", script.getAttribute("data-worker") + "&start=" + start[1]);
  try {
    var worker = new Worker(script.getAttribute("data-worker"), { type: "module" });
    var boot = { worker: worker, messages: [], failed: false };
    worker.onmessage = function (event) { boot.messages.push(event.data); };
    worker.onerror = function (event) { event.preventDefault(); boot.failed = true; };
    window.formsPythonBoot = boot;
  } catch (error) {
    // No worker here: python-client.mjs starts one itself or reports why it cannot.
  }
})();
