// The flow diagram's presentation view (docs/kulku.md, `flow_diagram(present=true)`): the wide
// drawing over the whole screen for a projector. The `present` button opens it as a modal
// dialog (the page behind is inert) and asks for full screen; the arrow keys move between the
// steps (each a link to its section: Enter opens it), Home and End go to the first and last,
// Escape leaves. Leaving full screen (the browser's own Escape) leaves the view too. The words
// are rendered into the page at build time (macros/templates/flow.html).

import { hook } from "./contracts.mjs";

const block = document.querySelector(hook("flow"));
const opener = block?.querySelector(hook("present"));
const dialog = block?.querySelector(hook("present_dialog"));

if (opener && dialog) {
  const figure = block.querySelector(".flow-figure");
  const drawing = figure.querySelector("svg.flow--wide");
  const stage = dialog.querySelector(hook("present_stage"));
  const steps = () => [...drawing.querySelectorAll("a.flow-step")];
  const MOVES = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

  opener.hidden = false;

  opener.addEventListener("click", async () => {
    // Full screen first: what enters the top layer last is drawn on top, so the dialog follows.
    if (document.fullscreenEnabled && !document.fullscreenElement) {
      await document.documentElement.requestFullscreen({ navigationUI: "hide" }).catch(() => {});
    }
    stage.append(drawing);
    dialog.showModal();
    steps()[0].focus();
  });

  dialog.querySelector(hook("present_close")).addEventListener("click", () => dialog.close());

  dialog.addEventListener("close", () => {
    figure.prepend(drawing);
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    opener.focus();
  });

  document.addEventListener("fullscreenchange", () => {
    if (!document.fullscreenElement && dialog.open) dialog.close();
  });

  dialog.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const list = steps();
    const at = list.indexOf(document.activeElement);
    let next;
    if (event.key in MOVES) next = at < 0 ? 0 : Math.min(list.length - 1, Math.max(0, at + MOVES[event.key]));
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = list.length - 1;
    else return;
    event.preventDefault();
    list[next].focus();
  });
}
