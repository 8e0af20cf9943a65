import type { Catalogue } from './catalogue';
import type { Model } from './schema';

/** What VS Code's Language Model API says about one chat model the user can use (vscode.LanguageModelChat). */
export interface LanguageModelInfo {
  id: string;
  name: string;
  /** The provider: 'copilot' for GitHub Copilot, otherwise the extension's vendor id. */
  vendor: string;
  family: string;
  maxInputTokens: number;
}

/** A listed model and the catalogue entry it prices as; `model` is absent when the catalogue lacks it (unpriced, never free). */
export interface UserModel {
  info: LanguageModelInfo;
  model?: Model;
  /** The input window the user really has (after the provider's own prompt), when the API states a sane one. */
  window?: number;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, '-');
/** The part of a catalogue id after "vendor/" and before "@region". */
const idName = (m: Model) => norm(m.id.replace(/^[^/]*\//, '').replace(/@[^@]*$/, ''));

/**
 * The catalogue entry a Language Model API model prices as, by vendor and family: a Copilot model
 * maps to the "GitHub Copilot" entry of that family (billed in AI credits), any other provider's to
 * the maker's own API entry whose API name or id is the family (or the model id).
 */
export function matchLanguageModel(catalogue: Pick<Catalogue, 'models'>, info: LanguageModelInfo): Model | undefined {
  const keys = new Set([norm(info.family), norm(info.id)].filter(Boolean));
  const copilot = norm(info.vendor) === 'copilot';
  const candidates = catalogue.models.filter((m) => (copilot ? m.vendor === 'github-copilot' : m.direct === undefined));
  const hits = candidates.filter((m) => keys.has(norm(m.apiId)) || keys.has(idName(m)));
  // Two regions of one model (…@cn, …@intl) both match: the global or international price is the safer guess.
  return hits.find((m) => m.region === 'global') ?? hits.find((m) => m.region === 'intl') ?? hits[0];
}

/** Every listed model with its catalogue entry and window; listed models with a nonsense window keep none. */
export function userModels(catalogue: Pick<Catalogue, 'models'>, listed: readonly LanguageModelInfo[]): UserModel[] {
  return listed.map((info) => {
    const window = Number.isInteger(info.maxInputTokens) && info.maxInputTokens > 0 ? info.maxInputTokens : undefined;
    const model = matchLanguageModel(catalogue, info);
    return { info, ...(model ? { model } : {}), ...(window ? { window } : {}) };
  });
}
