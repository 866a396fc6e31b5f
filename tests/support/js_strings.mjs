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
// }.
// Each file is parsed as an ES module (ecmaVersion latest); a file that is not one (a classic
// script) is parsed again as a script. A file neither parses stops the run (exit 1).
import { readFileSync } from "node:fs";
import { parse } from "acorn";

function program(source, file) {
  const options = { ecmaVersion: "latest", allowHashBang: true };
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

function literals(source, file = "<source>") {
  const out = { strings: [], templates: [], calls: [] };
  for (const node of nodes(program(source, file))) {
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
