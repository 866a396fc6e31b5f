// The page's words for its scripts. The build embeds the page language's catalogue entries
// "js.*" as JSON (hooks/languages.py puts them into the config, overrides/main.html into
// <script type="application/json" id="page-messages">); the tests check that every id a script
// uses is in every site language's catalogue, so a user never sees an id or a blank.
//
//   import { t, plural, LANG } from "./messages.mjs";
//   t("js.form.cleared");                          // "Lomake tyhjennetty."
//   t("js.export.ready", { name, file });          // {placeholders} as in the catalogue
//   plural("js.errors.title", 3);                  // js.errors.title.one / .other, {n} = 3

const element = document.getElementById("page-messages");
const MESSAGES = element ? JSON.parse(element.textContent) : {};

/** The page's language (a site language of forms/languages.toml): every request carries it. */
export const LANG = document.documentElement.lang || "fi";

export function t(id, values = {}) {
  const text = MESSAGES[id];
  if (typeof text !== "string") throw new Error(`messages: no text for ${id}`);
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

const rules = new Intl.PluralRules(LANG);

export function plural(id, n, values = {}) {
  const form = rules.select(n);
  return t(`${id}.${form}` in MESSAGES ? `${id}.${form}` : `${id}.other`, { n, ...values });
}
