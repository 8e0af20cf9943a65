import { localize, type UiLocale } from '../l10n';

/**
 * A text from the pricing file (a plan's name or description, the exchange-rate source) in the UI
 * language. The file holds the vendor's English; the Chinese is in the l10n bundle keyed by it, and
 * test/unit/l10n-coverage.test.ts fails when a bundled text has no translation yet.
 */
export function pricingText(locale: UiLocale, english: string): string {
  return localize(locale, english);
}
