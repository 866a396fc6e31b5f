// Feedback that gets read: collecting one meeting's answers on one device handed round the room
// (the feedback page, hook collect), and the coordinator's summary of many files (hook
// coordinator; the hooks are in forms/contracts.toml). Every figure comes from Python
// (forms/feedback/, op "feedback"); this script reads files, keeps the collected answers in this
// tab and shows what Python says.

import { startPython } from "./python-client.mjs";
import { download } from "./download.mjs";
import { LANG, t } from "./messages.mjs";
import { COLLECT_KEY } from "./storage-keys.mjs";
import { HOOKS, hook } from "./contracts.mjs";
import { readState } from "./form-state.mjs";
import { chairGate } from "./feedback-chair.mjs";
import { reviewFreeText } from "./feedback-review.mjs";
import { respondentLanguage } from "./feedback-language.mjs";
import { announce as say } from "./announce.mjs";
import { whileBusy } from "./busy.mjs";
import { readSession, removeSession, writeSession } from "./session-json.mjs";

const python = startPython();
const READ_BATCH = 250; // files per read on the coordinator's page

async function ask(request) {
  const response = await python.request({ op: "feedback", lang: LANG, ...request });
  return response ?? { errors: [{ message: t("js.python.no_answer") }] };
}

function showSummary(root, response) {
  const area = root.querySelector(hook("summary_area"));
  area.innerHTML = response.html; // escaped by Python (forms/feedback/report.py)
  root.querySelector(hook("summary_exports")).hidden = response.respondents === 0;
  performance.mark("summary-shown"); // scripts/bench.py
}

/** The reader's local date and time ("2026-12-05T14:30"): a file's name tells two meetings of
 *  one day apart by it. */
function localNow(now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

async function exportSummary(root, button, request, status) {
  await whileBusy(button, async () => {
    const response = await ask({ ...request(), format: button.getAttribute(HOOKS.export), now: localNow() });
    if (response.errors.length) say(status, response.errors.map((e) => e.message).join(" "));
    else {
      download(response.file);
      say(status, t("js.export.ready", { name: button.getAttribute(HOOKS.export_name), file: response.file.name }));
    }
  });
}

// --- One device handed round the room ------------------------------------------------------

/** True when a required choice (the definition's, as the HTML marks it) is still unanswered. */
function missingChoice(form) {
  return [...form.querySelectorAll('fieldset[aria-required="true"]')]
    .some((set) => set.querySelector("input[type=radio]") && !set.querySelector("input[type=radio]:checked"));
}

function setupCollect(root) {
  const form = document.querySelector(`form${hook("form", "palaute")}`);
  const panel = root.querySelector(hook("collect_panel"));
  const done = root.querySelector(hook("collect_done"));
  const count = root.querySelector(hook("collected_count"));
  const status = root.querySelector(hook("summary_status"));
  const area = root.querySelector(hook("summary_area"));
  const exportsBox = root.querySelector(hook("summary_exports"));
  const actions = root.querySelector(hook("chair_actions"));
  const review = root.querySelector(hook("review"));
  const chair = chairGate(root);
  const language = respondentLanguage(root, form, done);
  let unlocked = false; // in this page only: a reload asks for the code again

  let kept = readSession(COLLECT_KEY) ?? { active: false, answers: [] };
  const save = () => writeSession(COLLECT_KEY, kept);
  const request = () => ({ answers: kept.answers, held_back: kept.heldBack ?? 0 });

  function hideSummary() {
    area.replaceChildren();
    exportsBox.hidden = true;
  }

  const resume = root.querySelector(hook("collect_resume"));
  const doneStatus = done.querySelector(hook("collect_status"));

  function show() {
    const collecting = kept.active && !kept.ended;
    panel.hidden = !kept.active;
    done.hidden = !collecting;
    actions.hidden = !unlocked;
    root.querySelector(hook("chair_gate")).hidden = unlocked;
    root.querySelector(hook("chair_open")).hidden = !kept.active;
    resume.hidden = !kept.ended;
    root.querySelector(hook("show_summary")).hidden = Boolean(kept.ended);
    root.querySelector(hook("collect_start")).hidden = kept.active;
    form.setAttribute(HOOKS.collecting, String(collecting));
    // No way off the page by a stray tap while the device goes round (the footer's links).
    document.documentElement.setAttribute(HOOKS.collecting, String(collecting));
    count.textContent = t("js.collect.count", { n: kept.answers.length });
    // Where the respondent finishes: after the questions, before the form's own buttons; the
    // language they answer in, where they start.
    if (kept.active) form.querySelector(".form-actions").before(done);
    language.box.hidden = !collecting;
    if (collecting) form.before(language.box);
    else language.reset();
  }

  function lock() {
    unlocked = false;
    review.hidden = true;
    hideSummary();
    show();
  }

  root.querySelector(hook("collect_start")).addEventListener("click", () => {
    if (!chair.choose()) return;
    kept.active = true;
    save();
    show();
    form.querySelector("input, select, textarea")?.focus();
    say(status, t("js.collect.started"));
    // Meant for the first person only: gone when they start answering.
    form.addEventListener("input", () => say(status, ""), { once: true });
  });

  root.querySelector(hook("chair_open")).addEventListener("click", () => {
    if (!chair.check()) return;
    unlocked = true;
    show();
    root.querySelector(`${hook("chair_actions")} button:not([hidden])`)?.focus();
    say(status, t("js.chair.opened"));
  });
  root.querySelector(hook("chair_lock")).addEventListener("click", () => {
    lock();
    chair.input.focus();
  });

  // Python's own check, after the answer is kept and the form is empty: a value it cannot use
  // (a date it cannot read) is dropped from the answer, never the answer itself.
  async function check(answer) {
    const { errors = [] } = await python.request({ op: "validate", form: "palaute", lang: LANG, state: answer.data });
    for (const error of errors) if (error.field && error.field in answer.data) answer.data[error.field] = "";
    answer.checked = true;
    save();
  }

  done.querySelector(hook("collect_next")).addEventListener("click", (event) => whileBusy(event.currentTarget, async () => {
    const state = readState(form);
    if (missingChoice(form)) {
      // Not finished: Python names what is missing; nothing is emptied.
      const { errors = [] } = await python.request({ op: "validate", form: "palaute", lang: language.current(), state });
      if (errors.length) {
        form.dispatchEvent(new CustomEvent("vk:errors", { detail: { errors } }));
        return;
      }
    }
    // Kept first (in the page and in this tab), emptied at once, checked after.
    const answer = { id: crypto.randomUUID().replaceAll("-", ""), saved: new Date().toISOString(), data: state };
    kept.answers.push(answer);
    kept.exported = false;
    if (!save()) {
      kept.answers.pop();
      say(status, t("js.collect.not_saved"));
      return;
    }
    // Said in the language the respondent answered in, before the form goes back to the page's.
    const saved = language.saved(kept.answers.length);
    // The next respondent starts from an empty form and sees nothing of the answers before.
    form.dispatchEvent(new CustomEvent("vk:replace-state", { detail: { state: null, message: null } }));
    language.reset();
    form.dispatchEvent(new Event("vk:next-respondent"));
    say(doneStatus, "");
    show();
    // Said where the next person starts reading: at the form's top, until they start answering.
    form.querySelector(":scope > .form-notice")?.remove();
    const notice = Object.assign(document.createElement("p"), { className: "form-notice",
      textContent: saved.text, lang: saved.lang });
    notice.setAttribute("role", "status");
    form.prepend(notice);
    form.addEventListener("input", () => notice.remove(), { once: true });
    form.scrollIntoView({ block: "start" });
    form.querySelector("input, select, textarea")?.focus({ preventScroll: true });
    check(answer);
  }));

  // The summary ends the collecting (the next person must not see the answers); the chair
  // reads the free text alone first and may hold answers back.
  root.querySelector(hook("show_summary")).addEventListener("click", async () => {
    kept.ended = true;
    save();
    show();
    const held = await reviewFreeText(review, form, kept.answers);
    kept.heldBack = (kept.heldBack ?? 0) + held;
    save();
    if (!unlocked) return; // locked meanwhile: nothing is shown
    if (held) say(status, t("js.review.held", { n: held }));
    const response = await ask(request());
    if (response.errors.length) return say(status, response.errors.map((e) => e.message).join(" "));
    if (!unlocked) return;
    showSummary(root, response);
    area.querySelector("h2")?.setAttribute("tabindex", "-1");
    area.querySelector("h2")?.focus();
  });

  resume.addEventListener("click", () => {
    kept.ended = false;
    save();
    hideSummary();
    show();
    form.querySelector("input, select, textarea")?.focus();
  });

  window.addEventListener("beforeunload", (event) => {
    if (kept.answers.length && !kept.exported) {
      event.preventDefault();
      event.returnValue = t("js.collect.leave_unsaved");
    }
  });

  root.querySelector(hook("collect_clear")).addEventListener("click", () => {
    if (!window.confirm(t("js.collect.clear_confirm"))) return;
    kept = { active: false, answers: [] };
    removeSession(COLLECT_KEY);
    chair.forget();
    unlocked = false;
    review.hidden = true;
    hideSummary();
    root.append(done);
    show();
    say(status, t("js.collect.cleared"));
  });

  exportsBox.addEventListener("click", (event) => {
    const button = event.target.closest(`button${hook("export")}`);
    if (!button || !unlocked) return;
    exportSummary(root, button, request, status).then(() => {
      if (button.getAttribute(HOOKS.export) === "json") {
        kept.exported = true; // the answers are in a file: leaving the page loses nothing
        save();
      }
    });
  });

  show();
  if (kept.active && kept.answers.length) say(status, t("js.collect.restored", { n: kept.answers.length }));
  root.setAttribute(HOOKS.collect_ready, "true");
}

// --- The coordinator's summary of many files ------------------------------------------------

function setupCoordinator(root) {
  const input = root.querySelector(hook("summary_files"));
  const progress = root.querySelector(hook("summary_progress"));
  const status = root.querySelector(hook("summary_status"));
  const rejectedBox = root.querySelector(hook("summary_rejected"));
  const limit = Number(input.getAttribute(HOOKS.max_bytes));
  const clear = root.querySelector(hook("summary_clear"));
  let chosenSoFar = [];  // every file chosen or dropped, in order (a later choice adds to them)
  let files = [];        // [{name, size}] and their bytes one after another: what Python reads
  let data = new Uint8Array(0);

  const period = () => root.querySelector(`${hook("summary_period")}:checked`)?.value ?? "month";
  const freeText = root.querySelector(hook("summary_free_text"));
  // Free text only when the coordinator ticks it: otherwise counted, never shown or saved.
  const request = () => ({ files, data, period: period(), free_text: freeText.checked });

  async function read(list) {
    if (!list.length) return;
    chosenSoFar = [...chosenSoFar, ...list];
    const chosen = chosenSoFar;
    clear.hidden = false;
    performance.mark("summary-files-chosen");
    progress.hidden = false;
    progress.max = chosen.length;
    progress.value = 0;
    say(status, t("js.summary.reading", { n: chosen.length }));
    // A file larger than any answer could be is cut just past the limit (Python refuses it).
    // The files are read a few hundred at a time as one joined Blob: a read per file cost ~1 ms
    // of waiting each (2 000 files: 1.9 s), a joined read costs one.
    const slices = chosen.map((file) => file.slice(0, limit + 1));
    files = chosen.map((file, i) => ({ name: file.name, size: slices[i].size }));
    data = new Uint8Array(slices.reduce((sum, slice) => sum + slice.size, 0));
    let at = 0;
    for (let i = 0; i < slices.length; i += READ_BATCH) {
      const bytes = new Uint8Array(await new Blob(slices.slice(i, i + READ_BATCH)).arrayBuffer());
      data.set(bytes, at);
      at += bytes.length;
      progress.value = Math.min(i + READ_BATCH, slices.length);
    }
    performance.mark("summary-files-read"); // scripts/bench.py: reading vs summarising
    await summarise();
  }

  async function summarise() {
    say(status, t("js.summary.working"));
    const response = await ask(request());
    progress.hidden = true;
    if (response.errors.length) return say(status, response.errors.map((e) => e.message).join(" "));
    showSummary(root, response);
    rejectedBox.replaceChildren();
    const notes = [];
    if (response.rejected.length) {
      const heading = Object.assign(document.createElement("h2"), { textContent: t("js.summary.rejected_title") });
      const list = document.createElement("ul");
      list.setAttribute(HOOKS.rejected_list, "");
      for (const [name, reason] of response.rejected) {
        const item = document.createElement("li");
        item.textContent = t("js.summary.rejected_item", { file: name, reason });
        list.append(item);
      }
      rejectedBox.append(heading, list);
    }
    if (response.duplicates.length) {
      const n = response.duplicates.reduce((sum, [, k]) => sum + k, 0);
      const note = Object.assign(document.createElement("p"), { textContent: t("js.summary.duplicates", { n }) });
      note.setAttribute(HOOKS.duplicates, String(n));
      const list = document.createElement("ul");
      for (const [name, k] of response.duplicates) {
        list.append(Object.assign(document.createElement("li"), { textContent: t("js.summary.duplicate_item", { file: name, n: k }) }));
      }
      rejectedBox.append(note, list);
    }
    notes.push(t("js.summary.done", { files: files.length, n: response.respondents, rejected: response.rejected.length }));
    say(status, notes.join(" "));
  }

  input.addEventListener("change", () => {
    const list = [...input.files];
    input.value = ""; // the same file can be chosen again
    read(list);
  });
  clear.addEventListener("click", () => {
    chosenSoFar = [];
    files = [];
    data = new Uint8Array(0);
    clear.hidden = true;
    root.querySelector(hook("summary_area")).replaceChildren();
    root.querySelector(hook("summary_exports")).hidden = true;
    rejectedBox.replaceChildren();
    say(status, "");
    input.focus();
  });
  const drop = root.querySelector(hook("summary_drop"));
  drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.setAttribute(HOOKS.over, "true"); });
  drop.addEventListener("dragleave", () => { drop.removeAttribute(HOOKS.over); });
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.removeAttribute(HOOKS.over);
    read(event.dataTransfer.files);
  });
  for (const choice of [...root.querySelectorAll(hook("summary_period")), freeText]) {
    choice.addEventListener("change", () => { if (files.length) summarise(); });
  }
  root.querySelector(hook("summary_exports")).addEventListener("click", (event) => {
    const button = event.target.closest(`button${hook("export")}`);
    if (button) exportSummary(root, button, request, status);
  });
  python.prepare();   // the summary needs the chart and spreadsheet libraries: fetch them now
  root.setAttribute(HOOKS.summary_ready, "true");
}

const collect = document.querySelector(hook("collect"));
if (collect) setupCollect(collect);
const coordinator = document.querySelector(hook("coordinator"));
if (coordinator) setupCoordinator(coordinator);
