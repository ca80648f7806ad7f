/**
 * Adaptive Card templates (the adaptivecards-templating format: `${…}` bindings, `$data`,
 * `$when`) compiled once, at load, into plain functions of the data. The library re-walks the
 * template and parses and evaluates every expression through adaptive-expressions on each card
 * (issue 19 measured 82 µs per step card, and 18 MB of memory for the library); this does the same
 * expansion, with the library's own rules, for the expressions the cards use: property paths,
 * `count(…)`, `==`, `!=`, `<`, `<=`, `>`, `>=` against a path, a number, `null`, `true` or
 * `false`. A template with any other expression does not compile (`compileTemplate` returns
 * undefined), and the bot then refuses to start, naming the template (card-templates.ts). The
 * library stays the authoring format and the reference: test/cards/compiled-templates.test.ts
 * checks the output equals the library's for every card and sample.
 */

/** Where expressions look values up: the root data, the current `$data`, and `$index` in a repeat. */
interface Scope {
  readonly root: unknown;
  /** The current `$data`; undefined means the root (as the library's getter). */
  readonly data: unknown;
  readonly index: number | undefined;
}

type Evaluated = { readonly value: unknown; readonly error?: undefined } | { readonly value?: undefined; readonly error: string };

type Expression = (scope: Scope, substitute: boolean) => Evaluated;

/** One compiled piece of the template: its expansion in a scope. */
type Expand = (scope: Scope) => unknown;

/** A compiled template: the card for `data`, exactly as `new Template(t).expand({ $root: data })`. */
export type CompiledTemplate = (data: unknown) => unknown;

class Unsupported extends Error {}

/** Compiles a template, or undefined when it uses something the compiler does not know. */
export function compileTemplate(template: unknown): CompiledTemplate | undefined {
  try {
    const expand = compileNode(template);
    return (data) => expand({ root: data, data: undefined, index: undefined });
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

function compileNode(node: unknown): Expand {
  if (typeof node === 'string') return compileString(node);
  if (Array.isArray(node)) return compileArray(node);
  if (typeof node === 'object' && node !== null) return compileObject(Object.entries(node));
  return () => node;
}

function compileArray(items: readonly unknown[]): Expand {
  const children = items.map(compileNode);
  return (scope) => {
    const out: unknown[] = [];
    for (const child of children) {
      const value = child(scope);
      if (value === null) continue;
      if (Array.isArray(value)) out.push(...value);
      else out.push(value);
    }
    return out;
  };
}

function compileObject(entries: ReadonlyArray<readonly [string, unknown]>): Expand {
  const whenSource = entries.find(([key]) => key === '$when')?.[1];
  const dataSource = entries.find(([key]) => key === '$data');
  // As the library: a $when that is no expression drops the object when truthy, and is ignored when falsy.
  const when = !whenSource ? undefined : typeof whenSource === 'string' && whenSource.includes('${') ? singleExpression(whenSource) : 'never';
  let data: Expression | undefined;
  if (dataSource !== undefined) {
    const source = dataSource[1];
    if (typeof source !== 'string' || !source.includes('${')) throw new Unsupported('$data that is not an expression');
    data = singleExpression(source);
  }
  const properties = entries.filter(([key]) => !RESERVED.has(key)).map(([key, value]) => [key, compileNode(value)] as const);
  const expandOne = (scope: Scope): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, expand] of properties) {
      const value = expand(scope);
      if (value !== undefined) out[key] = value;
    }
    return out;
  };
  return (scope) => {
    let contexts: readonly unknown[] = [undefined];
    let repeated = false;
    if (data) {
      const evaluated = data(scope, true);
      if (evaluated.error !== undefined) throw new Error(evaluated.error);
      repeated = Array.isArray(evaluated.value);
      contexts = Array.isArray(evaluated.value) ? evaluated.value : [evaluated.value];
    }
    const out: Array<Record<string, unknown>> = [];
    // As the library: $data and $index carry over from one item to the next until set again.
    let current = scope;
    for (let i = 0; i < contexts.length; i++) {
      const item = contexts[i];
      if (repeated || item !== undefined) current = { root: scope.root, data: item === undefined ? current.data : item, index: repeated ? i : current.index };
      if (when === 'never') continue;
      if (when) {
        const evaluated = when(current, false);
        if (evaluated.error !== undefined || evaluated.value !== true) continue;
      }
      out.push(expandOne(current));
    }
    if (out.length === 0) return null;
    return out.length === 1 ? out[0] : out;
  };
}

/** A string: as it is, one expression (its value, of any type), or text with expressions in it (a string). */
function compileString(text: string): Expand {
  if (!text.includes('${')) return () => text;
  if (/[`\\]/.test(text)) throw new Unsupported('escapes in a template string');
  const parts: Array<string | { readonly source: string; readonly expression: Expression }> = [];
  let at = 0;
  while (at < text.length) {
    const start = text.indexOf('${', at);
    if (start < 0) {
      parts.push(text.slice(at));
      break;
    }
    if (start > at) parts.push(text.slice(at, start));
    const end = text.indexOf('}', start);
    if (end < 0) throw new Unsupported('unclosed expression');
    const source = text.slice(start + 2, end);
    parts.push({ source, expression: parseExpression(source) });
    at = end + 1;
  }
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only !== undefined && typeof only !== 'string') {
    const expression = only.expression;
    return (scope) => {
      const evaluated = expression(scope, true);
      if (evaluated.error !== undefined) throw new Error(evaluated.error);
      return evaluated.value;
    };
  }
  return (scope) => {
    let out = '';
    for (const part of parts) {
      if (typeof part === 'string') {
        out += part;
        continue;
      }
      const evaluated = part.expression(scope, true);
      if (evaluated.error !== undefined) out += `\${${part.source}}`;
      // The library calls toString() on the value; null has none, and the library throws.
      else if (evaluated.value === null || evaluated.value === undefined) throw new TypeError(`Cannot read properties of ${String(evaluated.value)} (reading 'toString')`);
      else out += String(evaluated.value);
    }
    return out;
  };
}

/** `${expression}` alone. */
function singleExpression(text: string): Expression {
  const match = /^\$\{([^{}`\\]*)\}$/.exec(text);
  if (!match?.[1]) throw new Unsupported('not a single expression');
  return parseExpression(match[1]);
}

const COMPARISONS = ['==', '!=', '<=', '>=', '<', '>'] as const;
type Comparison = (typeof COMPARISONS)[number];

function parseExpression(source: string): Expression {
  const text = source.trim();
  for (const op of COMPARISONS) {
    const at = findOperator(text, op);
    if (at >= 0) return comparison(op, parseOperand(text.slice(0, at)), parseOperand(text.slice(at + op.length)));
  }
  return parseOperand(text);
}

/** Where `op` stands in `text`, not as part of a longer operator (`<` in `<=`). */
function findOperator(text: string, op: Comparison): number {
  for (let at = text.indexOf(op); at >= 0; at = text.indexOf(op, at + 1)) {
    const before = text[at - 1] ?? '';
    const after = text[at + op.length] ?? '';
    if (op.length === 1 && (after === '=' || before === '!' || before === '=' || before === '<' || before === '>')) continue;
    return at;
  }
  return -1;
}

const PATH = /^\$?[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

function parseOperand(source: string): Expression {
  const text = source.trim();
  if (text === 'null') return () => ({ value: null });
  if (text === 'true') return () => ({ value: true });
  if (text === 'false') return () => ({ value: false });
  if (/^-?\d+(\.\d+)?$/.test(text)) {
    const number = Number(text);
    return () => ({ value: number });
  }
  const count = /^count\((.*)\)$/.exec(text);
  if (count?.[1] !== undefined) return countOf(parseOperand(count[1]));
  if (PATH.test(text)) return path(text);
  throw new Unsupported(`expression ${text}`);
}

/** A property path, looked up as adaptive-expressions does (property names in any letter case); undefined becomes `${path}` where the library substitutes. */
function path(text: string): Expression {
  const segments = text.split('.');
  const first = segments[0] ?? '';
  const rest = segments.slice(1);
  return (scope, substitute) => {
    let value: unknown;
    if (first.startsWith('$')) {
      const name = first.toLowerCase();
      value = name === '$root' ? scope.root : name === '$data' ? (scope.data !== undefined ? scope.data : scope.root) : name === '$index' ? scope.index : undefined;
    } else {
      value = property(scope.data !== undefined ? scope.data : scope.root, first);
    }
    for (const segment of rest) value = property(value, segment);
    if (value === undefined && substitute) return { value: `\${${text}}` };
    return { value };
  };
}

/** As adaptive-expressions: own enumerable keys only (an array has no `length` here), the first in any letter case. */
function property(instance: unknown, name: string): unknown {
  if (!instance || typeof instance !== 'object') return undefined;
  if (instance instanceof Map) return instance.get(name) ?? mapKey(instance, name);
  if (Object.prototype.propertyIsEnumerable.call(instance, name) && !hasEarlierCaseVariant(instance, name)) return Reflect.get(instance, name);
  const lower = name.toLowerCase();
  const key = Object.keys(instance).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : Reflect.get(instance, key);
}

function mapKey(map: Map<unknown, unknown>, name: string): unknown {
  const lower = name.toLowerCase();
  const key = [...map.keys()].find((k) => typeof k === 'string' && k.toLowerCase() === lower);
  return key === undefined ? undefined : map.get(key);
}

/** Whether a key other than `name` but equal to it in lower case comes first (the library would take that one). */
function hasEarlierCaseVariant(instance: object, name: string): boolean {
  const lower = name.toLowerCase();
  for (const key of Object.keys(instance)) {
    if (key === name) return false;
    if (key.length === name.length && key.toLowerCase() === lower) return true;
  }
  return false;
}

function countOf(argument: Expression): Expression {
  return (scope, substitute) => {
    const evaluated = argument(scope, substitute);
    if (evaluated.error !== undefined) return evaluated;
    const value = evaluated.value;
    if (typeof value === 'string' || Array.isArray(value)) return { value: value.length };
    if (value === null || value === undefined) return { error: 'Cannot convert undefined or null to object' };
    if (typeof value === 'object') return { value: Object.keys(value).length };
    return { error: `${String(value)} must be a string, list, map or object.` };
  };
}

function comparison(op: Comparison, left: Expression, right: Expression): Expression {
  return (scope) => {
    // As adaptive-expressions: the operands are read without substitution, and an operand that
    // fails (or, for an ordering, is null) makes the comparison false rather than an error.
    const a = left(scope, false);
    const b = right(scope, false);
    if (a.error !== undefined || b.error !== undefined) return { value: false };
    if (op === '==' || op === '!=') {
      const equal = commonEquals(a.value, b.value);
      return { value: op === '==' ? equal : !equal };
    }
    const x = a.value;
    const y = b.value;
    if (x === null || x === undefined || y === null || y === undefined) return { value: false };
    if (typeof x === 'number' && typeof y === 'number' && !Number.isNaN(x) && !Number.isNaN(y)) return { value: order(op, x, y) };
    if (typeof x === 'string' && typeof y === 'string') return { value: order(op, x, y) };
    return { error: `${String(x)} and ${String(y)} must be comparable.` };
  };
}

function order<T extends number | string>(op: Exclude<Comparison, '==' | '!='>, x: T, y: T): boolean {
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
}

/** adaptive-expressions' equality: null equals undefined, lists and objects by content, numbers within epsilon. */
function commonEquals(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a === null || a === undefined) && (b === null || b === undefined);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => commonEquals(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && commonEquals(a[key], b[key]));
  }
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < Number.EPSILON;
  return a === b;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
