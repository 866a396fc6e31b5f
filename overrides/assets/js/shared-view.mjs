// The room's shared screen (lomakkeet/yhteinen-naytto/): the memo as the note-taker types it, in
// large print, for a projector or a TV. It only listens: see meeting-screen.mjs for the messages.

import { SHARED_CHANNEL } from "./storage-keys.mjs";
import { t } from "./messages.mjs";
import { HOOKS, hook } from "./contracts.mjs";

const view = document.querySelector(hook("shared_view"));
const memo = view.querySelector(hook("shared_memo"));
const waiting = view.querySelector(hook("shared_waiting"));
const phase = view.querySelector(hook("shared_phase"));
const alert = view.querySelector(hook("shared_alert"));

function render(message) {
  const blocks = message.sections.map((section) => {
    const box = document.createElement("section");
    box.className = "shared-view__section";
    box.setAttribute(HOOKS.section, section.id);
    const title = document.createElement("h2");
    title.textContent = section.title;
    const list = document.createElement("dl");
    for (const item of section.items) {
      const term = document.createElement("dt");
      term.textContent = item.label;
      const value = document.createElement("dd");
      value.textContent = item.text;
      list.append(term, value);
    }
    box.append(title, list);
    return box;
  });
  memo.replaceChildren(...blocks);
  waiting.hidden = blocks.length > 0 || Boolean(message.phase);
  phase.hidden = !message.phase;
  phase.textContent = message.phase ? t("js.shared.phase", message.phase) : "";
  alert.hidden = !message.alert;
  alert.textContent = message.alert ?? "";
  const current = message.focus ? memo.querySelector(hook("section", message.focus)) : null;
  current?.scrollIntoView({ block: "nearest" });
  if (typeof message.typedAt === "number") {
    // From the key press in the chair's window to this screen's DOM (scripts/bench.py reads it).
    const delay = performance.timeOrigin + performance.now() - message.typedAt;
    document.documentElement.setAttribute(HOOKS.shared_delay, delay.toFixed(1));
  }
}

function clear() {
  memo.replaceChildren();
  phase.hidden = true;
  alert.hidden = true;
  waiting.hidden = false;
}

if ("BroadcastChannel" in window) {
  const channel = new BroadcastChannel(SHARED_CHANNEL);
  channel.addEventListener("message", ({ data }) => {
    if (data?.type === "memo") render(data);
    else if (data?.type === "cleared") clear();
  });
  channel.postMessage({ type: "hello" });
} else {
  waiting.textContent = t("js.shared.unsupported");
}

view.querySelector(hook("fullscreen"))?.addEventListener("click", () => {
  if (document.fullscreenElement) document.exitFullscreen();
  else document.documentElement.requestFullscreen?.().catch(() => {});
});
document.documentElement.setAttribute(HOOKS.shared_ready, "true");
