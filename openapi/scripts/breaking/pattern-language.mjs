// Whether every string one `pattern` accepts is also accepted by another: the question the
// breaking check asks when a pattern changes (a request pattern must not reject what it took,
// a response pattern must not let through what it kept out). Both patterns are compiled to
// automata over code-point ranges and their product explored; the answer is exact for the
// regular subset of ECMAScript patterns that schemas use (literals, classes, `.`, groups,
// alternation, quantifiers, `^`/`$` at the ends). Anything else (look-around, back-references,
// `\b`, property escapes, anchors inside) gives `undefined`: the checker then treats the change
// as unknown, never as safe.

const MAX_CODE_POINT = 0x10ffff;
const MAX_STATES = 4000;
const MAX_EXPLORED = 20000;

class Unsupported extends Error {}

// ---------------------------------------------------------------------------------------------
// Sets of code points, as sorted, disjoint, non-adjacent [low, high] ranges

/** @param {Array<[number, number]>} ranges */
function normalizeRanges(ranges) {
  const sorted = ranges.filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
  /** @type {Array<[number, number]>} */
  const out = [];
  for (const [lo, hi] of sorted) {
    const last = out.at(-1);
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** @param {Array<[number, number]>} ranges */
function complement(ranges) {
  /** @type {Array<[number, number]>} */
  const out = [];
  let next = 0;
  for (const [lo, hi] of normalizeRanges(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

const has = (/** @type {Array<[number, number]>} */ ranges, /** @type {number} */ c) => ranges.some(([lo, hi]) => c >= lo && c <= hi);

const DIGIT = /** @type {Array<[number, number]>} */ ([[48, 57]]);
const WORD = normalizeRanges([[48, 57], [65, 90], [97, 122], [95, 95]]);
const SPACE = normalizeRanges([
  [9, 13], [32, 32], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029],
  [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
]);
const LINE_TERMINATORS = normalizeRanges([[10, 10], [13, 13], [0x2028, 0x2029]]);
const ANY = /** @type {Array<[number, number]>} */ ([[0, MAX_CODE_POINT]]);
const CLASS_ESCAPES = {
  d: DIGIT, D: complement(DIGIT), w: WORD, W: complement(WORD), s: SPACE, S: complement(SPACE),
};
const CONTROL_ESCAPES = { t: 9, n: 10, v: 11, f: 12, r: 13, 0: 0 };

// ---------------------------------------------------------------------------------------------
// Parsing: pattern → tree of { set } | { seq } | { alt } | { rep }

/**
 * @typedef {{ kind: 'set', ranges: Array<[number, number]> }
 *   | { kind: 'seq', items: Node[] }
 *   | { kind: 'alt', options: Node[] }
 *   | { kind: 'rep', node: Node, min: number, max: number }} Node
 */

/** @param {string} source */
function parse(source) {
  let i = 0;
  const peek = () => source[i];
  const eat = (/** @type {string} */ c) => (source[i] === c ? (i++, true) : false);
  /** The code point at i, as a one-point set; moves past it (two UTF-16 units if astral). */
  const literal = () => {
    const code = /** @type {number} */ (source.codePointAt(i));
    i += code > 0xffff ? 2 : 1;
    return [/** @type {[number, number]} */ ([code, code])];
  };

  /** One escape after `\`, as a set of code points. */
  const escape = (/** @type {boolean} */ inClass) => {
    const c = source[i++];
    if (c === undefined) throw new Unsupported('a trailing backslash');
    if (c in CLASS_ESCAPES) return CLASS_ESCAPES[/** @type {keyof typeof CLASS_ESCAPES} */ (c)];
    if (c in CONTROL_ESCAPES && !(c === '0' && /[0-9]/.test(source[i] ?? ''))) {
      const code = CONTROL_ESCAPES[/** @type {keyof typeof CONTROL_ESCAPES} */ (c)];
      return [/** @type {[number, number]} */ ([code, code])];
    }
    if (c === 'x' && /^[0-9a-fA-F]{2}/.test(source.slice(i))) {
      const code = parseInt(source.slice(i, i + 2), 16);
      i += 2;
      return [/** @type {[number, number]} */ ([code, code])];
    }
    if (c === 'u') {
      const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(source.slice(i));
      const plain = /^[0-9a-fA-F]{4}/.exec(source.slice(i));
      const hex = braced?.[1] ?? plain?.[0];
      if (hex === undefined) throw new Unsupported('\\u without hex digits');
      i += (braced ?? plain)?.[0].length ?? 0;
      const code = parseInt(hex, 16);
      return [/** @type {[number, number]} */ ([code, code])];
    }
    if (/[A-Za-z0-9]/.test(c)) throw new Unsupported(`the escape \\${c}${inClass ? ' in a class' : ''}`);
    i--;
    return literal();
  };

  const charClass = () => {
    const negated = eat('^');
    /** @type {Array<[number, number]>} */
    const ranges = [];
    while (peek() !== ']') {
      if (peek() === undefined) throw new Unsupported('an unclosed class');
      const start = eat('\\') ? escape(true) : literal();
      if (peek() === '-' && source[i + 1] !== ']' && source[i + 1] !== undefined && start.length === 1 && start[0]?.[0] === start[0]?.[1]) {
        i++;
        const end = eat('\\') ? escape(true) : literal();
        if (end.length !== 1 || end[0]?.[0] !== end[0]?.[1]) throw new Unsupported('a range to a class escape');
        ranges.push([/** @type {number} */ (start[0]?.[0]), /** @type {number} */ (end[0]?.[0])]);
      } else {
        ranges.push(...start);
      }
    }
    i++; // ]
    const set = normalizeRanges(ranges);
    return negated ? complement(set) : set;
  };

  /** @returns {Node} */
  const atom = () => {
    const c = source[i++];
    if (c === '.') return { kind: 'set', ranges: complement(LINE_TERMINATORS) };
    if (c === '[') return { kind: 'set', ranges: charClass() };
    if (c === '\\') {
      if (/[bB1-9kpP]/.test(peek() ?? '')) throw new Unsupported(`the escape \\${peek()}`);
      return { kind: 'set', ranges: escape(false) };
    }
    if (c === '(') {
      if (eat('?')) {
        if (eat(':')) { /* non-capturing */ } else if (peek() === '<' && /[A-Za-z_$]/.test(source[i + 1] ?? '')) {
          i = source.indexOf('>', i) + 1;
          if (i === 0) throw new Unsupported('an unclosed group name');
        } else throw new Unsupported('a look-around');
      }
      const inner = alternation();
      if (!eat(')')) throw new Unsupported('an unclosed group');
      return inner;
    }
    if (c === '^' || c === '$') throw new Unsupported('an anchor inside the pattern');
    if (c === ')' || c === '|' || c === undefined) throw new Unsupported('an unbalanced pattern');
    if (c === '*' || c === '+' || c === '?') throw new Unsupported('a quantifier with nothing to repeat');
    i--;
    return { kind: 'set', ranges: literal() };
  };

  /** @returns {Node} */
  const quantified = () => {
    let node = atom();
    for (;;) {
      let min;
      let max;
      if (eat('*')) [min, max] = [0, Infinity];
      else if (eat('+')) [min, max] = [1, Infinity];
      else if (eat('?')) [min, max] = [0, 1];
      else {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
        if (!m) return node;
        i += m[0].length;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        if (max < min) throw new Unsupported('a quantifier out of order');
      }
      eat('?'); // lazy: the same language
      node = { kind: 'rep', node, min, max };
    }
  };

  /** @returns {Node} */
  const sequence = () => {
    /** @type {Node[]} */
    const items = [];
    while (i < source.length && peek() !== '|' && peek() !== ')') {
      if (peek() === '$' && i === source.length - 1) break;
      items.push(quantified());
    }
    return { kind: 'seq', items };
  };

  /** @returns {Node} */
  const alternation = () => {
    const options = [sequence()];
    while (eat('|')) options.push(sequence());
    return options.length === 1 ? /** @type {Node} */ (options[0]) : { kind: 'alt', options };
  };

  const anchoredStart = eat('^');
  const body = alternation();
  const anchoredEnd = eat('$');
  if (i !== source.length) throw new Unsupported('an unbalanced pattern');
  if ((anchoredStart || anchoredEnd) && body.kind === 'alt') {
    // `^a|b$` anchors each end of one alternative only.
    throw new Unsupported('anchors around a top-level alternation');
  }
  const anything = /** @type {Node} */ ({ kind: 'rep', node: { kind: 'set', ranges: ANY }, min: 0, max: Infinity });
  // A schema pattern matches anywhere in the string unless anchored.
  return /** @type {Node} */ ({ kind: 'seq', items: [...(anchoredStart ? [] : [anything]), body, ...(anchoredEnd ? [] : [anything])] });
}

// ---------------------------------------------------------------------------------------------
// Automata: Thompson's construction, then the product explored on the fly

/** @typedef {{ eps: number[], edges: Array<{ ranges: Array<[number, number]>, to: number }> }} State */

/** @param {Node} root */
function compile(root) {
  /** @type {State[]} */
  const states = [];
  const state = () => {
    if (states.length >= MAX_STATES) throw new Unsupported('a pattern too large to compare');
    states.push({ eps: [], edges: [] });
    return states.length - 1;
  };
  /** @param {Node} node @returns {[number, number]} start and end */
  const build = (node) => {
    const start = state();
    if (node.kind === 'set') {
      const end = state();
      /** @type {State} */ (states[start]).edges.push({ ranges: node.ranges, to: end });
      return [start, end];
    }
    if (node.kind === 'seq') {
      let at = start;
      for (const item of node.items) {
        const [s, e] = build(item);
        /** @type {State} */ (states[at]).eps.push(s);
        at = e;
      }
      return [start, at];
    }
    if (node.kind === 'alt') {
      const end = state();
      for (const option of node.options) {
        const [s, e] = build(option);
        /** @type {State} */ (states[start]).eps.push(s);
        /** @type {State} */ (states[e]).eps.push(end);
      }
      return [start, end];
    }
    let at = start;
    for (let k = 0; k < node.min; k++) {
      const [s, e] = build(node.node);
      /** @type {State} */ (states[at]).eps.push(s);
      at = e;
    }
    const end = state();
    /** @type {State} */ (states[at]).eps.push(end);
    if (node.max === Infinity) {
      const [s, e] = build(node.node);
      /** @type {State} */ (states[at]).eps.push(s);
      /** @type {State} */ (states[e]).eps.push(at);
    } else {
      for (let k = node.min; k < node.max; k++) {
        const [s, e] = build(node.node);
        /** @type {State} */ (states[at]).eps.push(s);
        /** @type {State} */ (states[e]).eps.push(end);
        at = e;
      }
    }
    return [start, end];
  };
  const [start, accept] = build(root);
  return { states, start, accept };
}

/** @param {{ states: State[] }} nfa @param {Iterable<number>} from */
function closure(nfa, from) {
  const seen = new Set(from);
  const stack = [...seen];
  while (stack.length) {
    for (const next of /** @type {State} */ (nfa.states[/** @type {number} */ (stack.pop())]).eps) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return [...seen].sort((a, b) => a - b);
}

/**
 * Whether every string `narrow` accepts is accepted by `wide` (JSON Schema `pattern`s,
 * ECMAScript syntax). `undefined` when either pattern is outside the supported subset or too
 * large to decide.
 * @param {string} wide @param {string} narrow
 * @returns {boolean | undefined}
 */
export function patternCovers(wide, narrow) {
  if (wide === narrow) return true;
  let a;
  let b;
  try {
    a = compile(parse(narrow));
    b = compile(parse(wide));
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  const key = (/** @type {number[]} */ x, /** @type {number[]} */ y) => `${x.join(',')}|${y.join(',')}`;
  const first = [closure(a, [a.start]), closure(b, [b.start])];
  const seen = new Set([key(first[0], first[1])]);
  const queue = [first];
  while (queue.length) {
    if (seen.size > MAX_EXPLORED) return undefined;
    const [sa, sb] = /** @type {[number[], number[]]} */ (queue.shift());
    if (sa.includes(a.accept) && !sb.includes(b.accept)) return false;
    const edgesA = sa.flatMap((s) => /** @type {State} */ (a.states[s]).edges);
    const edgesB = sb.flatMap((s) => /** @type {State} */ (b.states[s]).edges);
    // Split the alphabet where any edge starts or stops; within a piece every edge agrees.
    const cuts = new Set();
    for (const edge of [...edgesA, ...edgesB]) {
      for (const [lo, hi] of edge.ranges) {
        cuts.add(lo);
        cuts.add(hi + 1);
      }
    }
    for (const c of [...cuts].sort((x, y) => x - y)) {
      if (c > MAX_CODE_POINT) continue;
      const nextA = edgesA.filter((e) => has(e.ranges, c)).map((e) => e.to);
      if (nextA.length === 0) continue;
      const na = closure(a, nextA);
      const nb = closure(b, edgesB.filter((e) => has(e.ranges, c)).map((e) => e.to));
      const k = key(na, nb);
      if (!seen.has(k)) {
        seen.add(k);
        queue.push([na, nb]);
      }
    }
  }
  return true;
}
