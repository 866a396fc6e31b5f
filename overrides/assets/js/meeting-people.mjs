// The chair's view: the people in the room and the speaking round. The roles are the page's data
// (forms/phases.toml [[roles]], rendered as the options of [data-add-role]): one outside the
// round (the interpreter, data-round="false") takes no turn and is not counted in it; one with a
// language (data-language) is added with it, the invitation's interpreter language first.

import { t } from "./messages.mjs";
import { hhmm, todayAt } from "./meeting-plan.mjs";

/**
 * The participants' list, the speaking round's count and adding someone at the door.
 * `current()` gives the meeting (it is replaced when one is started or cleared); `changed()` is
 * called after every change (save, show, memo); `say` and `warn` tell the chair.
 */
export function setupPeople(root, { current, changed, say, warn, clockFormat }) {
  const $ = (selector) => root.querySelector(selector);
  const list = $("[data-participants]");
  const template = $("[data-participant-template]");
  const roleSelect = $("[data-add-role]");
  const roles = Object.fromEntries([...roleSelect.options].map((o) => [o.value, {
    name: o.textContent, round: o.dataset.round !== "false", language: o.hasAttribute("data-language"),
  }]));
  const order = Object.keys(roles);
  const inRound = (p) => roles[p.role]?.round ?? true;

  function roleText(p) {
    const name = roles[p.role]?.name;
    const role = [name && p.language ? `${name} (${p.language})` : name, p.org].filter(Boolean).join(", ");
    return p.status === "left" && p.left_at ? t("js.meeting.left_at", { role, time: clockFormat.format(todayAt(p.left_at, Date.now())) }) : role;
  }

  function show() {
    const meeting = current();
    const focused = document.activeElement?.closest?.("[data-participant]");
    const focusKey = focused && [focused.dataset.id, [...document.activeElement.attributes].find((a) => a.name.startsWith("data-"))?.name];
    list.replaceChildren(...meeting.participants.map((p) => {
      const item = template.content.firstElementChild.cloneNode(true);
      item.dataset.id = p.id;
      item.dataset.state = p.status;
      item.dataset.round = String(inRound(p));
      for (const el of item.querySelectorAll("[data-name]")) el.textContent = el.classList.contains("visually-hidden") ? `: ${p.name}` : p.name;
      item.querySelector("[data-role]").textContent = roleText(p);
      const spoken = item.querySelector("[data-spoken]");
      spoken.setAttribute("aria-pressed", String(Boolean(p.spoken)));
      spoken.hidden = !inRound(p); // the interpreter speaks for others: no turn of their own
      const select = item.querySelector("[data-attendance]");
      select.id = `meeting-status-${p.id}`;
      select.value = p.status;
      const label = item.querySelector("[data-attendance-label]");
      label.htmlFor = select.id;
      label.textContent = t("js.meeting.status_of", { name: p.name });
      item.querySelector("[data-leaves]").hidden = p.status !== "present";
      return item;
    }));
    if (focusKey) list.querySelector(`[data-id="${CSS.escape(focusKey[0])}"] [${focusKey[1]}]`)?.focus();
    $("[data-participants-empty]").hidden = meeting.participants.length > 0;
    const here = meeting.participants.filter((p) => p.status !== "absent");
    const round = here.filter(inRound);
    $("[data-spoken-count]").textContent = round.length
      ? t("js.meeting.spoken_count", { spoken: round.filter((p) => p.spoken).length, of: round.length }) : "";
    $("#meeting-names").replaceChildren(...here.map((p) => Object.assign(document.createElement("option"), { value: p.name })));
    showLanguage();
  }

  const participant = (item) => current().participants.find((p) => p.id === item?.dataset.id);

  list.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    const p = participant(button?.closest("[data-participant]"));
    if (!p) return;
    if (button.matches("[data-spoken]")) {
      p.spoken = !p.spoken;
      say(t(p.spoken ? "js.meeting.spoke" : "js.meeting.not_spoken", { name: p.name }));
    } else if (button.matches("[data-leaves]")) {
      p.status = "left";
      p.left_at = hhmm(Date.now());
      warn(t("js.meeting.leaving", { name: p.name }));
    }
    changed();
    if (button.matches("[data-leaves]")) list.querySelector(`[data-id="${CSS.escape(p.id)}"] [data-attendance]`)?.focus();
  });
  list.addEventListener("change", (event) => {
    const p = participant(event.target.closest("[data-participant]"));
    if (!p || !event.target.matches("[data-attendance]")) return;
    p.status = event.target.value;
    p.left_at = p.status === "left" ? p.left_at || hhmm(Date.now()) : "";
    if (p.status === "left") warn(t("js.meeting.leaving", { name: p.name }));
    changed();
  });

  // The language asked only for a role that has one, the invitation's interpreter language first.
  const languageField = $("[data-add-language-field]");
  const language = $("[data-add-language]");
  function showLanguage() {
    const wanted = Boolean(roles[roleSelect.value]?.language);
    if (wanted && languageField.hidden && !language.value) language.value = current().interpreter_language ?? "";
    languageField.hidden = !wanted;
  }
  roleSelect.addEventListener("change", showLanguage);

  $("[data-add-participant]").addEventListener("click", () => {
    const meeting = current();
    const name = $("[data-add-name]");
    if (!name.value.trim()) {
      say(t("js.meeting.name_missing"));
      name.focus();
      return;
    }
    const role = roleSelect.value;
    const p = { id: `n${meeting.nextId++}`, name: name.value.trim(), role, org: $("[data-add-org]").value.trim(),
      language: roles[role]?.language ? language.value.trim() : "", status: "present", left_at: "", spoken: false };
    // The handbook's order: after the last of the same role (the client, close ones, workers, interpreters).
    const at = meeting.participants.findLastIndex((q) => order.indexOf(q.role) <= order.indexOf(p.role));
    meeting.participants.splice(at + 1, 0, p);
    name.value = "";
    $("[data-add-org]").value = "";
    changed();
    say(t("js.meeting.added", { name: p.name }));
    name.focus();
  });

  return { show };
}
