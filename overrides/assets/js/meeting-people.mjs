// The chair's view: the people in the room and the speaking round. The roles are the page's data
// (forms/phases.toml [[roles]], rendered as the options of the hook add_role): one outside the
// round (the interpreter, round="false") takes no turn and is not counted in it; one with a
// language (the hook language) is added with it, the invitation's interpreter language first.
// The hooks are forms/contracts.toml's (HOOKS, hook()).

import { t } from "./messages.mjs";
import { hhmm, todayAt } from "./meeting-plan.mjs";
import { HOOKS, hook } from "./contracts.mjs";

/**
 * The participants' list, the speaking round's count and adding someone at the door.
 * `current()` gives the meeting (it is replaced when one is started or cleared); `changed()` is
 * called after every change (save, show, memo); `say` and `warn` tell the chair (someone leaving is
 * a reminder for the moment: meeting-alerts.mjs).
 */
// A participant's controls (their hook ids), the focus kept on them.
const CONTROLS = ["spoken", "attendance", "leaves"];

export function setupPeople(root, { current, changed, say, warn, clockFormat }) {
  const $ = (selector) => root.querySelector(selector);
  const list = $(hook("participants"));
  const template = $(hook("participant_template"));
  const roleSelect = $(hook("add_role"));
  const roles = Object.fromEntries([...roleSelect.options].map((o) => [o.value, {
    name: o.textContent, round: o.getAttribute(HOOKS.round) !== "false", language: o.hasAttribute(HOOKS.language),
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
    // The focus stays on the same control of the same person after the list is made again.
    const focused = document.activeElement?.closest?.(hook("participant"));
    const focusKey = focused && [focused.getAttribute(HOOKS.id), CONTROLS.find((id) => document.activeElement.hasAttribute(HOOKS[id]))];
    list.replaceChildren(...meeting.participants.map((p) => {
      const item = template.content.firstElementChild.cloneNode(true);
      item.setAttribute(HOOKS.id, p.id);
      item.setAttribute(HOOKS.state, p.status);
      item.setAttribute(HOOKS.round, String(inRound(p)));
      for (const el of item.querySelectorAll(hook("name"))) el.textContent = el.classList.contains("visually-hidden") ? `: ${p.name}` : p.name;
      item.querySelector(hook("role")).textContent = roleText(p);
      const spoken = item.querySelector(hook("spoken"));
      spoken.setAttribute("aria-pressed", String(Boolean(p.spoken)));
      spoken.hidden = !inRound(p); // the interpreter speaks for others: no turn of their own
      const select = item.querySelector(hook("attendance"));
      select.id = `meeting-status-${p.id}`;
      select.value = p.status;
      const label = item.querySelector(hook("attendance_label"));
      label.htmlFor = select.id;
      label.textContent = t("js.meeting.status_of", { name: p.name });
      item.querySelector(hook("leaves")).hidden = p.status !== "present";
      return item;
    }));
    if (focusKey?.[1]) list.querySelector(`${hook("id", focusKey[0])} ${hook(focusKey[1])}`)?.focus();
    $(hook("participants_empty")).hidden = meeting.participants.length > 0;
    const here = meeting.participants.filter((p) => p.status !== "absent");
    const round = here.filter(inRound);
    $(hook("spoken_count")).textContent = round.length
      ? t("js.meeting.spoken_count", { spoken: round.filter((p) => p.spoken).length, of: round.length }) : "";
    $("#meeting-names").replaceChildren(...here.map((p) => Object.assign(document.createElement("option"), { value: p.name })));
    showLanguage();
  }

  const participant = (item) => current().participants.find((p) => p.id === item?.getAttribute(HOOKS.id));

  list.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    const p = participant(button?.closest(hook("participant")));
    if (!p) return;
    if (button.matches(hook("spoken"))) {
      p.spoken = !p.spoken;
      say(t(p.spoken ? "js.meeting.spoke" : "js.meeting.not_spoken", { name: p.name }));
    } else if (button.matches(hook("leaves"))) {
      p.status = "left";
      p.left_at = hhmm(Date.now());
      warn(t("js.meeting.leaving", { name: p.name }), { reminder: true });
    }
    changed();
    if (button.matches(hook("leaves"))) list.querySelector(`${hook("id", p.id)} ${hook("attendance")}`)?.focus();
  });
  list.addEventListener("change", (event) => {
    const p = participant(event.target.closest(hook("participant")));
    if (!p || !event.target.matches(hook("attendance"))) return;
    p.status = event.target.value;
    p.left_at = p.status === "left" ? p.left_at || hhmm(Date.now()) : "";
    if (p.status === "left") warn(t("js.meeting.leaving", { name: p.name }), { reminder: true });
    changed();
  });

  // The language asked only for a role that has one, the invitation's interpreter language first.
  const languageField = $(hook("add_language_field"));
  const language = $(hook("add_language"));
  function showLanguage() {
    const wanted = Boolean(roles[roleSelect.value]?.language);
    if (wanted && languageField.hidden && !language.value) language.value = current().interpreter_language ?? "";
    languageField.hidden = !wanted;
  }
  roleSelect.addEventListener("change", showLanguage);

  $(hook("add_participant")).addEventListener("click", () => {
    const meeting = current();
    const name = $(hook("add_name"));
    if (!name.value.trim()) {
      say(t("js.meeting.name_missing"));
      name.focus();
      return;
    }
    const role = roleSelect.value;
    const p = { id: `n${meeting.nextId++}`, name: name.value.trim(), role, org: $(hook("add_org")).value.trim(),
      language: roles[role]?.language ? language.value.trim() : "", status: "present", left_at: "", spoken: false };
    // The handbook's order: after the last of the same role (the client, close ones, workers, interpreters).
    const at = meeting.participants.findLastIndex((q) => order.indexOf(q.role) <= order.indexOf(p.role));
    meeting.participants.splice(at + 1, 0, p);
    name.value = "";
    $(hook("add_org")).value = "";
    changed();
    say(t("js.meeting.added", { name: p.name }));
    name.focus();
  });

  return { show };
}
