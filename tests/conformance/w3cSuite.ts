/**
 * A TypeScript port of ../shared/conformance/w3c/validate.mjs: runs the W3C Web Annotation
 * test-suite assertions (JSON Schema draft-04 data in ./w3c/schemas, with its NOTICE) with the
 * harness semantics (expectedResult, onUnexpectedResult, nested lists, compareWith) and the
 * validator's EXTRA checks, most importantly that selectors count Unicode code points.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

export const SCHEMAS = path.join(__dirname, 'w3c', 'schemas');
const SUITES = {
  annotation: ['annotations/annotationMusts.test'],
  collection: ['collections/collectionMusts.test'],
  page: ['collections/pages/pageMusts.test'],
} as const;
type Kind = keyof typeof SUITES;
type Json = Record<string, unknown>;
interface Assertion extends Json {
  __file?: string;
  assertions?: Array<Assertion | Assertion[]>;
}
export interface Failure {
  where: string;
  file?: string;
  title: string;
  errors: string | null;
}

const readJson = (p: string) => JSON.parse(fs.readFileSync(p, 'utf8')) as Assertion;

function makeAjv() {
  const ajv = new Ajv04({ allErrors: true, strict: false, validateSchema: false, logger: false });
  addFormats(ajv, { mode: 'fast', formats: ['uri', 'date-time'] });
  const defDir = path.join(SCHEMAS, 'definitions');
  for (const f of fs.readdirSync(defDir).filter((x) => x.endsWith('.json')).sort()) ajv.addSchema(readJson(path.join(defDir, f)));
  return ajv;
}

function loadAssertion(ref: unknown, testDir: string): Assertion {
  if (typeof ref === 'string') {
    const a = readJson(ref.includes('/') ? path.join(SCHEMAS, ref) : path.join(testDir, ref));
    a.__file = ref;
    return a;
  }
  const obj = ref as Assertion;
  if (obj && typeof obj.assertionFile === 'string') {
    const base = loadAssertion(obj.assertionFile, testDir);
    for (const [k, v] of Object.entries(obj)) if (k !== 'assertionFile') base[k] = v;
    return base;
  }
  return obj;
}

function loadTest(rel: string): Array<Assertion | Assertion[]> {
  const testPath = path.join(SCHEMAS, rel);
  const testDir = path.dirname(testPath);
  const expand = (list: unknown[]): Array<Assertion | Assertion[]> =>
    list.map((x) => {
      if (Array.isArray(x)) return expand(x) as Assertion[];
      const a = loadAssertion(x, testDir);
      if (a && Array.isArray(a.assertions)) a.assertions = expand(a.assertions);
      return a;
    });
  return expand(readJson(testPath).assertions as unknown[]);
}

const ACTION: Record<string, string> = { failAndContinue: 'continue', failAndSkip: 'skip', failAndAbort: 'abort', passAndContinue: 'continue', passAndSkip: 'skip', passAndAbort: 'abort' };

/** The W3C suite runner with the JSONtest harness semantics. */
export class W3cSuite {
  private ajv = makeAjv();
  private cache = new Map<Assertion, ValidateFunction>();
  private tests = new Map<Kind, Array<Assertion | Assertion[]>>();
  /** Number of MUST assertions evaluated (to prove the suite really ran). */
  evaluated = 0;

  private suite(kind: Kind) {
    if (!this.tests.has(kind)) this.tests.set(kind, SUITES[kind].flatMap((rel) => loadTest(rel)));
    return this.tests.get(kind)!;
  }

  private run(list: Array<Assertion | Assertion[]>, doc: unknown, where: string, failures: Failure[]): { action: string; outcomes: boolean[] } {
    let action = 'continue';
    const outcomes: boolean[] = [];
    for (const a of list) {
      if (action === 'abort' || action === 'skip') break;
      if (Array.isArray(a)) {
        const sub = this.run(a, doc, where, failures);
        if (sub.action === 'abort') action = 'abort';
        outcomes.push(...sub.outcomes);
        continue;
      }
      const type = String(a.assertionType || 'must').toLowerCase();
      const expected = a.expectedResult || 'valid';
      let pass: boolean;
      let errors: string | null = null;
      if (a.compareWith && Array.isArray(a.assertions)) {
        const sub = this.run(a.assertions, doc, where, []);
        pass = a.compareWith === 'or' ? sub.outcomes.some(Boolean) : sub.outcomes.every(Boolean);
      } else {
        let validate = this.cache.get(a);
        if (!validate) {
          const { __file: _file, ...schema } = a;
          validate = this.ajv.compile(schema);
          this.cache.set(a, validate);
        }
        const valid = validate(doc) as boolean;
        errors = validate.errors ? this.ajv.errorsText(validate.errors, { separator: '; ' }) : null;
        pass = (expected === 'valid' && valid) || (expected === 'invalid' && !valid);
      }
      outcomes.push(pass);
      if (type === 'must') this.evaluated++;
      if (!pass && type === 'must') failures.push({ where, file: a.__file, title: String(a.title ?? ''), errors });
      if (!pass) action = ACTION[String(a.onUnexpectedResult || 'failAndContinue')] || 'continue';
    }
    return { action, outcomes };
  }

  /** MUST failures of one document checked as `kind`. */
  check(kind: Kind, doc: unknown, where: string): Failure[] {
    const failures: Failure[] = [];
    this.run(this.suite(kind), doc, where, failures);
    return failures;
  }
}

const asArr = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const cpLen = (s: string) => [...s].length;
const cpSlice = (s: string, a: number, b: number) => [...s].slice(a, b).join('');
const isObj = (v: unknown): v is Json => !!v && typeof v === 'object';

/** The validator's EXTRA errors for one annotation (texts: source IRI -> plain text). */
export function extraErrors(anno: Json, texts: Map<string, string>, seenIds: Set<string>): string[] {
  const out: string[] = [];
  const ctx = asArr(anno['@context']);
  if (ctx.includes('https://www.w3.org/ns/anno.jsonld') && !ctx.includes('http://www.w3.org/ns/anno.jsonld')) out.push('@context uses https');
  if (Array.isArray(anno['@context']) && anno['@context'].length === 1) out.push('@context is a one-element array');
  if (typeof anno.id === 'string') {
    if (!/^[a-z][a-z0-9+.-]*:/i.test(anno.id)) out.push(`id ${anno.id} is not an absolute IRI`);
    if (seenIds.has(anno.id)) out.push(`duplicate id ${anno.id}`);
    seenIds.add(anno.id);
  }
  const resources = [anno, ...asArr(anno.body), ...asArr(anno.target)].filter(isObj);
  for (const r of resources) for (const k of ['created', 'modified', 'generated']) for (const v of asArr(r[k])) if (typeof v === 'string' && !/Z$/.test(v)) out.push(`${k} ${v} is not UTC Z`);
  for (const [role, list] of [['target', asArr(anno.target)], ['body', asArr(anno.body)]] as const) {
    for (const sr of list) {
      if (!isObj(sr) || !('selector' in sr)) continue;
      const sels = asArr(sr.selector).filter(isObj);
      const q = sels.find((s) => s.type === 'TextQuoteSelector') as { exact?: string; prefix?: string; suffix?: string } | undefined;
      const p = sels.find((s) => s.type === 'TextPositionSelector') as { start?: number; end?: number } | undefined;
      const valid = p && Number.isInteger(p.start) && Number.isInteger(p.end);
      if (valid && p.start! > p.end!) out.push(`${role} position start > end`);
      if (q && valid && typeof q.exact === 'string' && p.end! - p.start! !== cpLen(q.exact)) out.push(`${role} position span ${p.end! - p.start!} != ${cpLen(q.exact)} code points of exact`);
      const src = typeof sr.source === 'string' ? sr.source : isObj(sr.source) ? String(sr.source.id) : '';
      const text = texts.get(src);
      if (text === undefined) continue;
      if (valid && q && typeof q.exact === 'string' && cpSlice(text, p.start!, p.end!) !== q.exact) out.push(`${role} position selects ${JSON.stringify(cpSlice(text, p.start!, p.end!))} not ${JSON.stringify(q.exact)}`);
      if (q && typeof q.exact === 'string') {
        const cps = [...text];
        const ex = [...q.exact];
        let hits = 0;
        for (let i = 0; i + ex.length <= cps.length; i++) {
          if (cps.slice(i, i + ex.length).join('') !== q.exact) continue;
          const pre = cps.slice(0, i).join('');
          const post = cps.slice(i + ex.length).join('');
          if ((q.prefix === undefined || pre.endsWith(q.prefix)) && (q.suffix === undefined || post.startsWith(q.suffix))) hits++;
        }
        if (!hits) out.push(`${role} quote selector not found in ${src}`);
      }
    }
  }
  return out;
}

/** Runs the suite over an export (array of collection + pages), the way validate.mjs does. */
export function validateW3cExport(docs: unknown[], texts: Map<string, string>) {
  const suite = new W3cSuite();
  const failures: Failure[] = [];
  const extras: string[] = [];
  const seen = new Set<string>();
  let annotations = 0;
  const checkItems = (items: unknown, ctx: unknown, where: string) => {
    asArr(items).forEach((item, i) => {
      if (!isObj(item)) return;
      const doc = '@context' in item ? item : { '@context': ctx, ...item };
      failures.push(...suite.check('annotation', doc, `${where}.items[${i}]`));
      extras.push(...extraErrors(doc, texts, seen).map((e) => `${where}.items[${i}]: ${e}`));
      annotations++;
    });
  };
  docs.forEach((doc, i) => {
    if (!isObj(doc)) return;
    const types = asArr(doc.type);
    if (types.includes('AnnotationCollection')) {
      failures.push(...suite.check('collection', doc, `[${i}]`));
      if (isObj(doc.first)) {
        failures.push(...suite.check('page', doc, `[${i}] (embedded first page)`));
        checkItems(doc.first.items, doc['@context'], `[${i}].first`);
      }
    } else if (types.includes('AnnotationPage')) {
      failures.push(...suite.check('page', doc, `[${i}]`));
      checkItems(doc.items, doc['@context'], `[${i}]`);
    } else failures.push(...suite.check('annotation', doc, `[${i}]`));
  });
  return { failures, extras, annotations, evaluated: suite.evaluated };
}
