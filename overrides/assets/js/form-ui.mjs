// The form pages' script: everything a user does with a form before and after Python loads.
// Typing, rows, drafts, printing and clearing work without Python; exports and validation go
// to the Python worker (python-client.mjs), started at once so it is ready when needed.

import { startPython } from "./python-client.mjs";
import { HOOKS, hook } from "./contracts.mjs";
import { download } from "./download.mjs";
import { addRow, ensureRows, removeRow } from "./form-rows.mjs";
import { clearDraft, draftOf, isEmpty, loadDraft, markFilled, readState, saveDraft, saveDraftOf, writeState } from "./form-state.mjs";
import { keptMeeting } from "./meeting-store.mjs";
import { followDrafts } from "./form-sync.mjs";
import { placeDeviceChoice } from "./device-choice.mjs";
import { clearErrors, showErrors } from "./form-errors.mjs";
import { formWarnings, pageToday } from "./form-warnings.mjs";
import { LANG, t } from "./messages.mjs";
import { announce as announceIn } from "./announce.mjs";
import { whileBusy } from "./busy.mjs";


// Cleared after a while so an old message ("Kutsuttava 4 lisätty") is not read as a later result.
function announce(form, message) {
  announceIn(form.querySelector(hook("status")), message, { clearAfter: 15_000 });
}

function progressBox(form) {
  const box = document.createElement("div");
  box.className = "form-python";
  box.setAttribute(HOOKS.python_status, "");
  const label = document.createElement("span");
  label.id = `${form.getAttribute(HOOKS.form)}-python-label`;
  label.textContent = t("js.progress.python");
  const bar = document.createElement("progress");
  bar.max = 1;
  bar.value = 0;
  bar.setAttribute("aria-labelledby", label.id);
  box.append(label, bar);
  form.querySelector(".form-actions .form-buttons--main").before(box);
  return { box, label, bar };
}

function setupForm(form) {
  const formId = form.getAttribute(HOOKS.form);
  let dirty = false;          // changed since the last export or save to a file
  let errorsShown = false;    // after a failed export, re-check as the user corrects
  let revalidateTimer = 0;
  let generation = 0;         // bumped when the form is cleared or replaced: late answers are dropped
  let leavingOnPurpose = false; // a mailto: draft or the follow-up invitation: no "leave page?"

  const restored = loadDraft(form);
  if (restored) {
    writeState(form, restored.state);
    if (restored.notice === "followup") {
      // Made from a memo on another page: say so where the reader starts, at the form's top.
      // …and what it took over from the first meeting (the link, the contacts, the interpreter).
      const text = [t("js.papers.followup_opened"), restored.carried].filter(Boolean).join(" ");
      const notice = Object.assign(document.createElement("p"), { className: "form-notice", textContent: text });
      notice.setAttribute("role", "status");
      form.prepend(notice);
    } else if (restored.from === "tab") {
      announce(form, t("js.form.restored")); // from the device: form-sync.mjs says so
    }
  }
  const markEmpty = () => markFilled(form);
  markEmpty();
  followDrafts(form, restored); // the copy kept on an own computer: other tabs, the next visit

  // --- Python ---------------------------------------------------------------------------
  const warnings = formWarnings(form); // likely typos beside their fields, never blocking
  const progress = progressBox(form);
  const python = startPython({
    onProgress: ({ message, fraction }) => {
      progress.label.textContent = message;
      if (typeof fraction === "number") progress.bar.value = fraction;
    },
    onReady: () => {
      progress.box.hidden = true;
      form.setAttribute(HOOKS.python_ready, "true");
      if (restored) check(); // the draft's likely typos
    },
    onError: (message) => {
      progress.bar.remove();
      progress.label.textContent = message;
      progress.box.classList.add("form-python--error");
      announce(form, message);
    },
  });
  // The export libraries are fetched once the user starts filling in (python-client.mjs).
  for (const type of ["focusin", "input"]) form.addEventListener(type, () => python.prepare(), { once: true });

  async function run(request) {
    const response = await python.request({ form: formId, lang: LANG, ...request });
    return response ?? { errors: [{ field: "", message: t("js.python.no_answer") }] };
  }

  async function revalidate() {
    const asked = generation;
    const { errors } = await run({ op: "validate", state: readState(form) });
    if (asked !== generation || !errorsShown) return; // the form was cleared or replaced meanwhile
    showErrors(form, errors, { focus: false });
    errorsShown = errors.length > 0;
  }

  // "ti 15.12." → "15.12.2026", "14,00" → "14.00", "esimerkki.fi" → "https://esimerkki.fi":
  // Python's canonical text replaces what was typed when the field is left, so the year it
  // chose is seen at once; then the form's likely typos are shown beside their fields. Only
  // once Python is ready: before that the text stays as typed.
  async function check(input = null) {
    if (form.getAttribute(HOOKS.python_ready) !== "true") return;
    const typed = input?.value;
    const asked = generation;
    const { normalised = {}, warnings: found = [] } = await run({ op: "validate", today: pageToday(), state: readState(form) });
    if (asked !== generation) return;
    const canonical = input?.matches(hook("normalise")) ? normalised[input.name] : undefined;
    if (canonical !== undefined && input.value === typed) {
      input.value = canonical;
      saveDraft(form);
    }
    warnings.show(found);
  }

  // A file saved on another language's page (or an older one) holds dates written that
  // language's way: write every field in this page's way at once.
  async function normaliseAll(notes = []) {
    const asked = generation;
    const { normalised = {}, warnings: found = [] } = await run({ op: "validate", today: pageToday(), state: readState(form) });
    if (asked !== generation) return;
    for (const [name, value] of Object.entries(normalised)) {
      const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
      if (input) input.value = value;
    }
    saveDraft(form);
    warnings.show([...found, ...notes]); // notes: what an opened file held that the page could not keep as it was
  }

  function forgetErrors() {
    clearTimeout(revalidateTimer);
    generation += 1;
    errorsShown = false;
    clearErrors(form);
    warnings.clear();
  }

  // --- Filled by another part of the page (the chair's view: meeting.mjs) -------------------
  // detail: {state, message}; state null empties the form (the meeting was cleared).
  form.addEventListener("vk:replace-state", ({ detail }) => {
    forgetErrors();
    if (detail.state) {
      writeState(form, detail.state);
      saveDraft(form);
    } else {
      form.reset();
      for (const rows of form.querySelectorAll(hook("rows"))) ensureRows(form, rows.getAttribute(HOOKS.rows), 1);
      clearDraft(form);
    }
    dirty = Boolean(detail.state);
    markEmpty();
    if (detail.message) announce(form, detail.message);
    form.dispatchEvent(new Event("vk:replaced"));
  });

  // Errors found by another part of the page (feedback.mjs checks an answer before keeping it).
  form.addEventListener("vk:errors", ({ detail }) => {
    showErrors(form, detail.errors);
    errorsShown = detail.errors.some((e) => e.field);
  });

  // --- The follow-up meeting's invitation, made from this memo -----------------------------
  // Python carries the memo (and the meeting of the chair's view, when there is one) into a new
  // invitation, kept as the invitation page's draft; that page then opens filled.
  async function followUp(link) {
    const meeting = keptMeeting(); // none: the memo alone
    const target = link.getAttribute(HOOKS.target);
    const response = await run({ op: "carry", to: target, memo: readState(form), meeting });
    if (response.errors.length) {
      showErrors(form, response.errors);
      return;
    }
    const previous = draftOf(target);
    if (previous && JSON.stringify(previous) !== JSON.stringify(response.state)
        && !window.confirm(t("js.papers.replace_invitation"))) return;
    if (!saveDraftOf(target, response.state, "followup", response.notice ?? "")) {
      announce(form, t("js.papers.not_saved"));
      return;
    }
    saveDraft(form);
    leavingOnPurpose = true; // leaving with the memo kept as its draft: no "leave page?" question
    window.location.href = link.href;
  }

  // --- Changes: save the draft at once, re-check after errors -------------------------------
  const changed = () => {
    dirty = true;
    saveDraft(form);
    markEmpty();
    if (errorsShown) {
      clearTimeout(revalidateTimer);
      revalidateTimer = setTimeout(revalidate, 400);
    }
  };
  form.addEventListener("input", changed);
  form.addEventListener("change", (event) => {
    if (event.target.matches(hook("import"))) return;
    changed();
    check(event.target);
  });
  form.addEventListener("submit", (event) => event.preventDefault());

  window.addEventListener("beforeunload", (event) => {
    if (dirty && !isEmpty(form) && !leavingOnPurpose) {
      event.preventDefault();
      event.returnValue = ""; // the browser shows its own "leave page?" question
    }
  });

  // --- Buttons ------------------------------------------------------------------------------
  form.addEventListener("click", async (event) => {
    const target = event.target.closest("button, a");
    if (!target || !form.contains(target)) return;

    if (target.getAttribute(HOOKS.add_row)) {
      const row = addRow(form, target.getAttribute(HOOKS.add_row));
      row.querySelector("input, select, textarea")?.focus();
      announce(form, t("js.rows.added", { row: row.querySelector("legend").textContent }));
      changed();
    } else if (target.getAttribute(HOOKS.remove_row)) {
      const legend = target.closest(hook("row")).querySelector("legend").textContent;
      const next = removeRow(form, target.closest(hook("row")));
      next.querySelector("input, select, textarea")?.focus();
      announce(form, t("js.rows.removed", { row: legend }));
      changed();
    } else if (target.hasAttribute(HOOKS.print)) {
      await printDocument(target.getAttribute(HOOKS.print) === "blank" || isEmpty(form) ? "blank" : "document", target);
    } else if (target.hasAttribute(HOOKS.clear)) {
      if (!window.confirm(t("js.form.clear_confirm"))) return;
      form.reset(); // back to the built page's values, pre-filled texts included
      for (const rows of form.querySelectorAll(hook("rows"))) ensureRows(form, rows.getAttribute(HOOKS.rows), 1);
      clearDraft(form);
      forgetErrors();
      dirty = false;
      markEmpty();
      form.querySelector("input, select, textarea")?.focus();
      announce(form, t("js.form.cleared"));
    } else if (target.hasAttribute(HOOKS.to_invitation)) {
      event.preventDefault();
      await whileBusy(target, () => {
        if (form.getAttribute(HOOKS.python_ready) !== "true") announce(form, t("js.export.waiting"));
        return followUp(target);
      });
    } else if (target.getAttribute(HOOKS.export)) {
      event.preventDefault();
      await exportAs(target.getAttribute(HOOKS.export), target);
    }
  });

  /** Ask Python for one export of the form as it is now: the answer, or null when there was
   *  none to use (a second click while busy, or errors, which are then shown). */
  async function requestExport(format, button, waiting) {
    return whileBusy(button, async () => { // a double click makes one file
      if (form.getAttribute(HOOKS.python_ready) !== "true") announce(form, waiting);
      // One letter of the invitation (form-letters.mjs): a PDF's hook letter, a draft's letter_lang.
      const letter = button.getAttribute(HOOKS.letter) ?? button.getAttribute(HOOKS.letter_lang);
      const response = await run({ op: "export", format, state: readState(form), ...(letter ? { letter } : {}) });
      if (response.errors.length) {
        showErrors(form, response.errors);
        errorsShown = response.errors.some((e) => e.field);
        return null;
      }
      clearErrors(form);
      errorsShown = false;
      return response;
    });
  }

  async function exportAs(format, button) {
    const response = await requestExport(format, button, t("js.export.waiting"));
    if (!response) return;
    if (response.url) {
      button.setAttribute("href", response.url);
      leavingOnPurpose = true;
      setTimeout(() => { leavingOnPurpose = false; }, 1000);
      window.location.href = response.url;
      announce(form, response.notice || t("js.export.mail_opened"));
    } else {
      download(response.file);
      dirty = false;
      announce(form, t("js.export.ready", { name: button.getAttribute(HOOKS.export_name), file: response.file.name })); // name: format.<id>.name
    }
  }

  // --- Printing ------------------------------------------------------------------------------
  // "document": the printable document from Python (the letter, the memo), the same as the PDF;
  // "blank": the empty paper form, whatever has been typed: a copy of the form reset to the
  // built page's values (nothing typed is touched; the copy goes when printing ends).
  const printArea = form.parentElement.querySelector(hook("print_area"));
  async function printDocument(kind, button) {
    const root = document.documentElement;
    if (kind === "document") {
      const response = await requestExport("print", button, t("js.print.waiting"));
      if (!response) return;
      printArea.innerHTML = response.html; // escaped by Python (forms/exports/print_html.py)
    }
    if (kind === "blank") {
      const paper = form.cloneNode(true);
      paper.reset();
      paper.removeAttribute("id");
      paper.setAttribute(HOOKS.empty, "true"); // the paper form's layout (forms.css)
      for (const el of paper.querySelectorAll("[id]")) el.removeAttribute("id");
      const title = Object.assign(document.createElement("p"), { className: "print-blank-title",
        textContent: document.querySelector(".md-content h1")?.textContent.replace(/[#¶]\s*$/, "").trim() ?? "" });
      printArea.replaceChildren(title, paper);
    }
    root.setAttribute(HOOKS.printing, "document");
    const done = () => {
      root.removeAttribute(HOOKS.printing);
      printArea.replaceChildren();
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
    // Some browsers print without blocking and fire no afterprint: leave the mode on until then.
    if (!("onafterprint" in window)) setTimeout(done, 1000);
  }

  // --- Opening a saved JSON file --------------------------------------------------------------
  const importer = form.querySelector(hook("import"));
  importer?.addEventListener("change", async () => {
    const file = importer.files[0];
    if (!file) return;
    const response = await run({ op: "import", data: new Uint8Array(await file.arrayBuffer()) });
    importer.value = "";
    if (response.errors.length) {
      showErrors(form, response.errors); // the form keeps what was typed
      return;
    }
    forgetErrors();
    writeState(form, response.state);
    saveDraft(form);
    markEmpty();
    dirty = false;
    announce(form, t("js.form.opened", { file: file.name }));
    await normaliseAll(response.warnings ?? []);
    form.dispatchEvent(new Event("vk:replaced")); // for the scripts that follow the form (form-letters.mjs)
  });
}

// "Which computer is this?" before the form or the chair's view; not where one respondent after
// another answers on the same device (the feedback page: its answers stay in the tab).
if (!document.querySelector(hook("collect"))) placeDeviceChoice();
for (const form of document.querySelectorAll(`form${hook("form")}`)) setupForm(form);
// The chair's view (lomakkeet/kokous/) around its memo form.
if (document.querySelector(hook("meeting"))) import("./meeting.mjs");
// One PDF per letter and one e-mail draft per letter language (a form with letters: the invitation).
if (document.querySelector(`form${hook("form")} .form-actions`)) import("./form-letters.mjs");
// Collecting feedback on one device, and the coordinator's summary.
if (document.querySelector(`${hook("collect")}, ${hook("coordinator")}`)) import("./feedback.mjs");
performance.mark("form-interactive"); // typing, rows and drafts work from here (scripts/bench.py)
