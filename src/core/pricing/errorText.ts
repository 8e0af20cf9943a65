import { localizer, type UiLocale } from '../l10n';
import type { PricingError } from './catalogue';
import { JSON_SYNTAX_MESSAGES, syntaxText } from './jsonText';

/** The English messages of pricing-file problems; their Chinese text is in l10n/bundle.l10n.zh-cn.json. */
export const PRICING_ERROR_MESSAGES = {
  line: 'In {0}, at {1}: {2}.',
  lineWithExample: 'In {0}, at {1}: {2}. A valid value: {3}',
  atPath: '{0}: {1}.',
  atPathWithExample: '{0}: {1}. A valid value: {2}',
  wholeFile: 'the whole file',
  mustBe: 'must be {0}',
  or: ' or ',
  missing: 'is missing; it must be {0}',
  wrongType: 'must be {0}, not {1}',
  atLeast: 'must be at least {0}',
  moreThan: 'must be more than {0}',
  atMost: 'must be at most {0}',
  lessThan: 'must be less than {0}',
  minItems: 'needs at least {0} entries',
  maxItems: 'may have at most {0} entries',
  notEmpty: 'must not be empty',
  maxLength: 'may be at most {0} characters long',
  minLength: 'must be at least {0} characters long',
  unknownKeys: 'has a field this format does not know: {0}. Check the spelling, or remove it',
  url: 'must be a web address (http or https)',
  duplicateKey: 'the key {0} is written twice; JSON keeps only the last, so remove or rename one',
  number: 'a number',
  string: 'text in quotes',
  boolean: 'true or false',
  array: 'a list [ … ]',
  object: 'an object { … }',
  null: 'null',
  nothing: 'nothing',
} as const;

const M = PRICING_ERROR_MESSAGES;

/**
 * A valid value for the field a path ends in, as it would be written in the file. Matched on the
 * last name in the path; the values are the ones a user file most often needs.
 */
const EXAMPLES: readonly [RegExp, string][] = [
  [/(^|\.)version$/, '"version": 1'],
  [/\.(input|output|cacheRead|cacheWrite|cacheWrite1h|reasoningOutput)$/, '0.15'],
  [/\.per$/, '"per": 1000000'],
  [/\.currency$/, '"currency": "USD"'],
  [/(^|\.)(checked|updated|date|from|until|retires)$/, '"2026-12-01"'],
  [/\.(source|pricingPage)$/, '"https://vendor.example/pricing"'],
  [/\.upTo$/, '"upTo": 128000'],
  [/\.mode$/, '"mode": "request"'],
  [/\.free$/, '"free": true'],
  [/\.timezone$/, '"Asia/Shanghai"'],
  [/\.(start|end)$/, '"00:30"'],
  [/\.rates$/, '"rates": { "input": 0.15, "output": 0.6 }'],
  [/^priceOverrides\[[^\]]+\]$/, '{ "currency": "USD", "per": 1000000, "rates": { "input": 0.15, "output": 0.6 } }'],
  [/\.(contextWindow|maxOutput)$/, '128000'],
  [/\.tokenizer$/, '"o200k_base"'],
];

export function pricingErrorExample(path: string): string | undefined {
  return EXAMPLES.find(([re]) => re.test(path))?.[1];
}

const TYPE_WORDS: Record<string, keyof typeof M> = {
  number: 'number',
  int: 'number',
  string: 'string',
  boolean: 'boolean',
  array: 'array',
  object: 'object',
  null: 'null',
  undefined: 'nothing',
};

/** The problem itself in plain words ("must be 1"), or the schema's own words when it has no structure. */
function problem(e: PricingError, locale: UiLocale): string {
  const t = localizer(locale);
  const word = (type: string) => (TYPE_WORDS[type] ? t(M[TYPE_WORDS[type]]) : type);
  const d = e.detail;
  if (!d) return t(e.message);
  switch (d.kind) {
    case 'values':
      return t(M.mustBe, d.values.join(t(M.or)));
    case 'type':
      if (!d.received || d.received === 'undefined') return t(M.missing, word(d.expected));
      return t(M.wrongType, word(d.expected), word(d.received));
    case 'range':
      if (d.origin === 'array' || d.origin === 'set') return t(d.bound === 'min' ? M.minItems : M.maxItems, d.limit);
      if (d.origin === 'string') return d.bound === 'max' ? t(M.maxLength, d.limit) : d.limit <= 1 ? t(M.notEmpty) : t(M.minLength, d.limit);
      if (d.bound === 'min') return t(d.inclusive ? M.atLeast : M.moreThan, d.limit);
      return t(d.inclusive ? M.atMost : M.lessThan, d.limit);
    case 'unknownKeys':
      return t(M.unknownKeys, d.keys.map((k) => `"${k}"`).join(', '));
    case 'format':
      return d.format === 'url' ? t(M.url) : t(e.message);
    case 'duplicateKey':
      return t(M.duplicateKey, JSON.stringify(d.key));
    case 'syntax':
      return syntaxText(d, (reason) => t(JSON_SYNTAX_MESSAGES[reason]));
  }
}

/**
 * One pricing-file problem as a sentence: the file, the JSON path, what is wrong in plain words
 * and an example of a valid value where one is known, e.g. `In prices.json, at "version": must be
 * 1. A valid value: "version": 1`.
 */
export function pricingErrorText(e: PricingError, locale: UiLocale): string {
  const t = localizer(locale);
  const example = e.detail?.kind === 'duplicateKey' ? undefined : pricingErrorExample(e.path);
  const path = pathText(e, locale);
  return example ? t(M.lineWithExample, e.file, path, problem(e, locale), example) : t(M.line, e.file, path, problem(e, locale));
}

/** The same without the file name, for messages that already name it: `"version": must be 1. A valid value: …`. */
export function pricingErrorInFile(e: PricingError, locale: UiLocale): string {
  const t = localizer(locale);
  const example = e.detail?.kind === 'duplicateKey' ? undefined : pricingErrorExample(e.path);
  const path = pathText(e, locale);
  return example ? t(M.atPathWithExample, path, problem(e, locale), example) : t(M.atPath, path, problem(e, locale));
}

function pathText(e: PricingError, locale: UiLocale): string {
  return e.path === '(root)' || e.path === '(file)' ? localizer(locale)(M.wholeFile) : `"${e.path}"`;
}
