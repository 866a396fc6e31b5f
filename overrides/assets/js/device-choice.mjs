// "Which computer is this?" (overrides/partials/device-choice.html): asked until answered, then
// one line saying where the drafts are kept and a button to change the answer. The answer lives
// in draft-store.mjs; every page that shows the question follows changes made in other tabs.
//
//   import { initDeviceChoice } from "./device-choice.mjs";
//   initDeviceChoice(document.querySelector(hook("device_choice")));

import { deviceMode, keptDrafts, onDeviceModeChange, retentionDays, setDeviceMode } from "./draft-store.mjs";
import { plural, t } from "./messages.mjs";
import { HOOKS, hook } from "./contracts.mjs";
import { closedTabMinutes } from "./tab-heartbeat.mjs";

/** The sentence that says where this page's drafts are kept now, or "" before the answer. */
export function deviceModeText(mode = deviceMode()) {
  if (mode === "own") return plural("js.device.own", retentionDays());
  if (mode === "shared") return t("js.device.shared", { minutes: closedTabMinutes() });
  return "";
}

/** On a shared computer the browser should neither keep nor bring back what the fields hold
 *  (its saved form state, its autofill): autocomplete="off" on every form and on the chair's
 *  view's fields, set before the page is left (the browser saves field state then). */
const switchedOff = new Map(); // element -> its own autocomplete value (null: none), to give back

function keepNoFieldValues(shared) {
  if (!shared) {
    for (const [el, own] of switchedOff) own === null ? el.removeAttribute("autocomplete") : el.setAttribute("autocomplete", own);
    switchedOff.clear();
    return;
  }
  const fields = document.querySelectorAll(
    `form, [${HOOKS.meeting}] input, [${HOOKS.meeting}] textarea, [${HOOKS.meeting}] select`);
  for (const el of fields) {
    if (!switchedOff.has(el)) switchedOff.set(el, el.getAttribute("autocomplete"));
    el.setAttribute("autocomplete", "off");
  }
}

/** Make the question in `root` (the device_choice hook's element) work; show it. */
export function initDeviceChoice(root) {
  if (!root || root.hasAttribute(HOOKS.device_choice_ready)) return;
  root.setAttribute(HOOKS.device_choice_ready, "true");
  const question = root.querySelector(hook("device_question"));
  const status = root.querySelector(hook("device_status"));
  const change = root.querySelector(hook("device_change"));
  const radios = [...root.querySelectorAll('input[type="radio"]')];

  const render = ({ open }) => {
    const mode = deviceMode();
    for (const radio of radios) radio.checked = radio.value === mode;
    // Open until answered; answered on an earlier visit: the one line and the button.
    question.hidden = !open && mode !== null;
    change.hidden = !question.hidden;
    status.textContent = deviceModeText(mode); // a live region, always there: a new answer is heard
    root.setAttribute(HOOKS.device_mode, mode ?? "");
    keepNoFieldValues(mode === "shared");
  };

  for (const radio of radios) {
    // The question stays open while answered here (arrow keys move between the choices).
    radio.addEventListener("change", () => radio.checked && answer(radio.value));
  }
  // From "own" to "shared": what is kept on the computer goes, so ask first and say what went.
  const answer = (mode) => {
    const kept = mode === "shared" && deviceMode() === "own" ? keptDrafts().length : 0;
    if (kept && !window.confirm(plural("js.device.confirm_shared", kept))) {
      render({ open: true }); // the answer stays "own": its radio checked again
      return;
    }
    setDeviceMode(mode);
    if (kept) status.textContent = `${plural("js.device.removed", kept)} ${deviceModeText(mode)}`;
  };
  change.addEventListener("click", () => {
    render({ open: true });
    (radios.find((r) => r.checked) ?? radios[0]).focus();
  });
  onDeviceModeChange(() => render({ open: !question.hidden }));
  render({ open: false });
  root.hidden = false;
}

/** The question before the page's first form or the chair's view (where the reader starts). */
export function placeDeviceChoice(root = document.querySelector(hook("device_choice"))) {
  const first = document.querySelector(`${hook("meeting")}, form${hook("form")}`);
  if (!root || !first) return null;
  first.before(root);
  initDeviceChoice(root);
  return root;
}
