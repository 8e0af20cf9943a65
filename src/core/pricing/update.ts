import { formatJsonPath, mergeExchangeTables, parsePricingFile } from './catalogue';
import { checkPricingFile } from './check';
import { PricingFileSchema, type Model, type PricingFile } from './schema';
import { PRICE_UPDATE_GUARD } from '../limits';

/**
 * Opt-in price updates: download a complete pricing file from an address the user chose,
 * validate it like the bundled one, and accept it only if it is newer. The network is reached
 * only through the injected `fetch`, so the caller decides whether it may be reached at all.
 */

/** The subset of the WHATWG `fetch` this module uses (Node's global fetch fits it). */
export type FetchLike = (url: string, init: { signal: AbortSignal; headers: Record<string, string>; redirect: 'manual' }) => Promise<FetchResponseLike>;

export interface FetchResponseLike {
  ok: boolean;
  status: number;
  statusText?: string;
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
}

export interface DownloadOptions {
  fetch: FetchLike;
  /** Default 5 MiB; the bundled file is well under 1 MiB. */
  maxBytes?: number;
  /** Whole download, headers and body. Default 30 s. */
  timeoutMs?: number;
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Redirects followed (by hand, each hop checked before it is requested) before giving up. */
export const MAX_REDIRECTS = 5;

export type Download = { ok: true; text: string; url: string } | { ok: false; reason: string };

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
}

/** This machine or a private network: 10/8, 172.16/12, 192.168/16, 169.254/16, 0/8, fc00::/7, fe80::/10. */
export function isLocalHost(host: string): boolean {
  if (isLoopback(host)) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 0 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  const v6 = host.startsWith('[') ? host.slice(1, -1).toLowerCase() : '';
  return v6 === '::' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || v6.startsWith('::ffff:');
}

/** Only https, except plain http to this machine (a local mirror, the tests). */
export function checkUpdateUrl(address: string): { ok: true; url: URL } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return { ok: false, reason: `"${address}" is not a web address` };
  }
  if (url.username || url.password) return { ok: false, reason: 'the address must not contain a user name or password' };
  if (url.protocol === 'https:') return { ok: true, url };
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return { ok: true, url };
  if (url.protocol === 'http:') return { ok: false, reason: `plain http is allowed only to this machine (127.0.0.1, localhost); use https for ${url.host}` };
  return { ok: false, reason: `only https addresses are supported, not ${url.protocol.replace(/:$/, '')}` };
}

/**
 * One redirect hop, checked before it is requested: the same rules as the first address, never
 * from https down to http, and never from a remote host to this machine or a private network.
 */
export function checkRedirect(from: URL, location: string, start: URL): { ok: true; url: URL } | { ok: false; reason: string } {
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    return { ok: false, reason: 'the Location is not a web address' };
  }
  const checked = checkUpdateUrl(target.href);
  if (!checked.ok) return checked;
  if (from.protocol === 'https:' && target.protocol !== 'https:')
    return { ok: false, reason: `https must not redirect to ${target.protocol.replace(/:$/, '')}` };
  if (isLocalHost(target.hostname) && !isLocalHost(start.hostname)) {
    return { ok: false, reason: `a remote address must not redirect to this machine or a private network (${target.host})` };
  }
  return checked;
}

/** The address as it may be shown in messages (no query string: it may hold a token). */
export function displayUrl(url: URL | string): string {
  const u = typeof url === 'string' ? new URL(url) : url;
  return `${u.protocol}//${u.host}${u.pathname}`;
}

async function readLimited(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | undefined> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return all;
}

const kib = (n: number) => `${Math.round(n / 1024).toLocaleString('en')} KiB`;

/** Downloads the text at `address` within the size and time limits; never throws. */
export async function downloadText(address: string, options: DownloadOptions): Promise<Download> {
  const checked = checkUpdateUrl(address);
  if (!checked.ok) return checked;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const shown = displayUrl(checked.url);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  (timer as { unref?: () => void }).unref?.();
  try {
    let url = checked.url;
    let response = await options.fetch(url.href, { signal: controller.signal, headers: { accept: 'application/json' }, redirect: 'manual' });
    for (let hops = 0; response.status >= 300 && response.status < 400; hops++) {
      response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      if (!location) return { ok: false, reason: `${shown} answered HTTP ${response.status} without a Location` };
      if (hops >= MAX_REDIRECTS) return { ok: false, reason: `${shown} redirected more than ${MAX_REDIRECTS} times` };
      const next = checkRedirect(url, location, checked.url);
      if (!next.ok) return { ok: false, reason: `${shown} redirected to an address that is not allowed: ${next.reason}` };
      url = next.url;
      response = await options.fetch(url.href, { signal: controller.signal, headers: { accept: 'application/json' }, redirect: 'manual' });
    }
    const refuse = (reason: string): Download => {
      response.body?.cancel().catch(() => undefined);
      return { ok: false, reason };
    };
    if (!response.ok) return refuse(`${shown} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) return refuse(`${shown} is ${kib(declared)}, more than the ${kib(maxBytes)} limit`);
    if (!response.body) return { ok: false, reason: `${shown} sent an empty answer` };
    const bytes = await readLimited(response.body, maxBytes);
    if (!bytes) return { ok: false, reason: `${shown} sent more than the ${kib(maxBytes)} limit` };
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { ok: false, reason: `${shown} did not send UTF-8 text` };
    }
    return { ok: true, text: text.replace(/^\uFEFF/, ''), url: url.href };
  } catch (err) {
    if (timedOut) return { ok: false, reason: `${shown} did not answer within ${Math.round(timeoutMs / 1000)} s` };
    const cause = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
    return { ok: false, reason: `could not reach ${shown}: ${cause}` };
  } finally {
    clearTimeout(timer);
  }
}

export interface MergeSummary {
  /** Models in the update that were not in the current data. */
  added: string[];
  /** Models whose entry the update replaced (its `checked` is the same day or later). */
  replaced: string[];
  /** Models the update has, but checked earlier than the current data: the current entry stays. */
  keptNewer: string[];
}

/** Why an update was refused as implausible, for a localized message. */
export interface PriceJumps {
  /** Models both files price whose input or output price changed by more than the jump factor. */
  jumped: number;
  compared: number;
  /** The largest single change, when it is above PRICE_UPDATE_GUARD.maxFactor. */
  extreme?: { id: string; factor: number };
}

export type UpdateDecision =
  | { status: 'accepted'; file: PricingFile; summary: MergeSummary }
  | { status: 'invalid'; reason: string; jumps?: PriceJumps }
  | { status: 'not-newer'; reason: string };

/** Items with the later date win; items only one side has are kept. */
function mergeDated<T extends { id: string }>(current: readonly T[], update: readonly T[], date: (t: T) => string, summary?: MergeSummary): T[] {
  const incoming = new Map(update.map((t) => [t.id, t]));
  const merged = current.map((mine) => {
    const theirs = incoming.get(mine.id);
    if (!theirs) return mine;
    incoming.delete(mine.id);
    if (date(theirs) >= date(mine)) {
      summary?.replaced.push(mine.id);
      return theirs;
    }
    summary?.keptNewer.push(mine.id);
    return mine;
  });
  for (const t of incoming.values()) summary?.added.push(t.id);
  return [...merged, ...incoming.values()];
}

/** How many times dearer or cheaper `b` is than `a`; Infinity between 0 and a price. */
function changeFactor(a: number, b: number): number {
  if (a === b) return 1;
  if (a === 0 || b === 0) return Infinity;
  return Math.max(a / b, b / a);
}

/** Input and output per token of each model both files price in the same currency, compared. */
export function priceJumps(current: readonly Model[], update: readonly Model[]): PriceJumps {
  const mine = new Map(current.map((m) => [m.id, m]));
  let jumped = 0;
  let compared = 0;
  let extreme: PriceJumps['extreme'];
  for (const theirs of update) {
    const before = mine.get(theirs.id)?.price;
    const after = theirs.price;
    if (!before || !('rates' in before) || !('rates' in after) || before.currency !== after.currency) continue;
    compared++;
    const freeFlip = !!before.free !== !!after.free;
    const factor = Math.max(
      changeFactor(before.rates.input / before.per, after.rates.input / after.per),
      changeFactor(before.rates.output / before.per, after.rates.output / after.per),
    );
    if (freeFlip || factor > PRICE_UPDATE_GUARD.jumpFactor) jumped++;
    if (!freeFlip && Number.isFinite(factor) && factor > PRICE_UPDATE_GUARD.maxFactor && factor > (extreme?.factor ?? 0)) {
      extreme = { id: theirs.id, factor };
    }
  }
  return { jumped, compared, ...(extreme ? { extreme } : {}) };
}

function jumpReason(label: string, j: PriceJumps): string | undefined {
  if (j.extreme) {
    return `${label} changes the price of ${j.extreme.id} ${Math.round(j.extreme.factor).toLocaleString('en')}-fold, more than the ${PRICE_UPDATE_GUARD.maxFactor}-fold any real price change has been; it was not applied`;
  }
  if (j.compared > 0 && j.jumped / j.compared > PRICE_UPDATE_GUARD.maxJumpShare) {
    return `${label} changes ${j.jumped} of ${j.compared} prices more than ${PRICE_UPDATE_GUARD.jumpFactor}-fold or to or from free (at most ${PRICE_UPDATE_GUARD.maxJumpShare * 100}% may); it looks broken and was not applied`;
  }
  return undefined;
}

function firstErrors(errors: { path: string; message: string }[], limit = 3): string {
  const shown = errors
    .slice(0, limit)
    .map((e) => `${e.path}: ${e.message}`)
    .join('; ');
  return errors.length > limit ? `${shown} (and ${errors.length - limit} more)` : shown;
}

/**
 * Whether a downloaded pricing file may replace the current data. It must pass the same checks as
 * the bundled file (schema and `pricing:check` errors), and its `updated` date must be later than
 * the current data's. Then, model by model and plan by plan, the entry checked later wins, so
 * even a newer file never puts an older price back.
 */
export function evaluateUpdate(current: PricingFile, json: unknown, label: string, now: Date = new Date()): UpdateDecision {
  const parsed = parsePricingFile(json, label);
  if (!parsed.catalogue) return { status: 'invalid', reason: `${label} is not a valid pricing file: ${firstErrors(parsed.errors)}` };
  const candidate = parsed.catalogue.data;
  if (candidate.updated <= current.updated) {
    const how = candidate.updated === current.updated ? 'the same date as' : 'older than';
    return { status: 'not-newer', reason: `${label} is dated ${candidate.updated}, ${how} the prices in use (${current.updated}); nothing changed` };
  }
  const check = checkPricingFile(candidate, label, { now });
  if (check.errors.length) return { status: 'invalid', reason: `${label} failed the pricing check: ${firstErrors(check.errors)}` };
  const jumps = priceJumps(current.models, candidate.models);
  const implausible = jumpReason(label, jumps);
  if (implausible) return { status: 'invalid', reason: implausible, jumps };
  const summary: MergeSummary = { added: [], replaced: [], keptNewer: [] };
  // Per currency, the table dated later wins; a currency only one table has is kept (an update
  // holding only USD and CNY must not leave EUR users without prices).
  const [older, newer] = [current.exchangeRates, candidate.exchangeRates].sort((a, b) => (a?.date ?? '').localeCompare(b?.date ?? ''));
  const rates = mergeExchangeTables(older, newer);
  const merged = {
    ...current,
    updated: candidate.updated,
    vendors: mergeDated(current.vendors, candidate.vendors, () => ''),
    models: mergeDated(current.models, candidate.models, (m) => m.checked, summary),
    plans: mergeDated(current.plans, candidate.plans, (p) => p.checked),
    exchangeRates: rates,
  };
  const valid = PricingFileSchema.safeParse(merged);
  if (!valid.success) {
    const errors = valid.error.issues.map((i) => ({ path: formatJsonPath(i.path), message: i.message }));
    return { status: 'invalid', reason: `${label} does not fit the prices in use: ${firstErrors(errors)}` };
  }
  return { status: 'accepted', file: valid.data, summary };
}

export type UpdateResult =
  | { status: 'accepted'; file: PricingFile; summary: MergeSummary; text: string }
  | { status: 'invalid' | 'not-newer' | 'failed'; reason: string; jumps?: PriceJumps };

/** Downloads and evaluates an update; `failed` = the download itself went wrong. Never throws. */
export async function fetchPricingUpdate(current: PricingFile, address: string, options: DownloadOptions & { now?: Date }): Promise<UpdateResult> {
  const download = await downloadText(address, options);
  if (!download.ok) return { status: 'failed', reason: download.reason };
  const label = displayUrl(download.url);
  let json: unknown;
  try {
    json = JSON.parse(download.text);
  } catch (err) {
    return { status: 'invalid', reason: `${label} is not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  try {
    const decision = evaluateUpdate(current, json, label, options.now);
    return decision.status === 'accepted' ? { ...decision, text: download.text } : decision;
  } catch (err) {
    // The schema bounds every number, so this is a defect; the promise still must not reject.
    return { status: 'invalid', reason: `${label} could not be checked: ${err instanceof Error ? err.message : String(err)}` };
  }
}
