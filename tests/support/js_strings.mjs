// The strings of page scripts, read by a JavaScript parser (acorn) so that Python tests need not
// read script source with regular expressions.
//
//   node tests/support/js_strings.mjs FILE...
//
// Prints one JSON object, file path -> {
//   strings:   [{value, raw}]        every string literal (value as the script sees it, raw as written),
//   templates: [{quasis, raw}]       every template literal: its fixed pieces in order, one more
//                                    than its ${...} placeholders (a template without any is a
//                                    template of one piece),
//   calls:     [{callee, arg}]       calls `name(...)` / `x.name(...)` whose first argument is a
//                                    string literal or a template without placeholders (arg: its value)
//   hooks:     [id]                  the DOM hook ids the script names through contracts.mjs:
//                                    `HOOKS.id`, `HOOKS["id"]`, `const { id } = HOOKS`, `hook("id", …)`
//                                    (under whatever local names the import gives them)
//   dataset:   [line]                the lines where a `.dataset` member is used
// }.
// Each file is parsed as an ES module (ecmaVersion latest); a file that is not one (a classic
// script) is parsed again as a script. A file neither parses stops the run (exit 1).
import { readFileSync } from "node:fs";
import { parse } from "acorn";

function program(source, file) {
  const options = { ecmaVersion: "latest", allowHashBang: true, locations: true };
  try {
    return parse(source, { ...options, sourceType: "module" });
  } catch (moduleError) {
    try {
      return parse(source, { ...options, sourceType: "script" });
    } catch {
      throw new Error(`${file}: ${moduleError.message}`);
    }
  }
}

// Every node below `node` (acorn's nodes are plain objects with a string `type`).
function* nodes(node) {
  yield node;
  for (const value of Object.values(node)) {
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === "object" && typeof child.type === "string") yield* nodes(child);
    }
  }
}

// A tagged template may hold an escape with no cooked value: its raw text stands in.
const piece = (quasi) => quasi.value.cooked ?? quasi.value.raw;

function fixedString(node) {
  if (node?.type === "Literal" && typeof node.value === "string") return node.value;
  if (node?.type === "TemplateLiteral" && node.expressions.length === 0) return piece(node.quasis[0]);
  return null;
}

function calleeName(callee) {
  if (callee.type === "Identifier") return callee.name;
  if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier") {
    return callee.property.name;
  }
  return null;
}

// The local names contracts.mjs's HOOKS and hook() are imported under.
function contractNames(tree) {
  const local = { HOOKS: new Set(), hook: new Set() };
  for (const node of tree.body) {
    if (node.type !== "ImportDeclaration" || !String(node.source.value).endsWith("contracts.mjs")) continue;
    for (const spec of node.specifiers) {
      const name = spec.type === "ImportSpecifier" ? spec.imported.name ?? spec.imported.value : null;
      if (name in local) local[name].add(spec.local.name);
    }
  }
  return local;
}

const propertyName = (member) => (member.computed ? fixedString(member.property) : member.property.name);

function literals(source, file = "<source>") {
  const out = { strings: [], templates: [], calls: [], hooks: [], dataset: [] };
  const tree = program(source, file);
  const local = contractNames(tree);
  for (const node of nodes(tree)) {
    if (node.type === "MemberExpression") {
      const name = propertyName(node);
      if (name === "dataset") out.dataset.push(node.loc.start.line);
      if (node.object.type === "Identifier" && local.HOOKS.has(node.object.name) && name !== null) out.hooks.push(name);
    } else if (node.type === "VariableDeclarator" && node.id.type === "ObjectPattern"
               && node.init?.type === "Identifier" && local.HOOKS.has(node.init.name)) {
      for (const prop of node.id.properties) {
        if (prop.type === "Property") out.hooks.push(prop.computed ? fixedString(prop.key) : prop.key.name ?? prop.key.value);
      }
    } else if (node.type === "CallExpression" && node.callee.type === "Identifier" && local.hook.has(node.callee.name)) {
      const id = fixedString(node.arguments[0]);
      if (id !== null) out.hooks.push(id);
    }
    if (node.type === "Literal" && typeof node.value === "string") {
      out.strings.push({ value: node.value, raw: node.raw });
    } else if (node.type === "TemplateLiteral") {
      out.templates.push({ quasis: node.quasis.map(piece), raw: source.slice(node.start, node.end) });
    } else if (node.type === "CallExpression" || node.type === "NewExpression") {
      const callee = calleeName(node.callee);
      const arg = fixedString(node.arguments[0]);
      if (callee !== null && arg !== null) out.calls.push({ callee, arg });
    }
  }
  return out;
}

const files = process.argv.slice(2);
const result = {};
try {
  for (const file of files) result[file] = literals(readFileSync(file, "utf-8"), file);
} catch (error) {
  process.stderr.write(`js_strings: ${error.message}\n`);
  process.exit(1);
}
process.stdout.write(JSON.stringify(result));
