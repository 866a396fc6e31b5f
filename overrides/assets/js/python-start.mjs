// Loaded from <head> with `async` on form pages: starts the Python worker while the rest of the
// page is still loading (the wasm compile takes seconds; the page's own scripts come last).
// form-ui.mjs imports the same python-client.mjs module and so joins this one worker.
import { startPython } from "./python-client.mjs";

startPython();
