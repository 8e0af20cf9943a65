// Collects pass/fail checks of one run and prints them as they happen.

export class Results {
  passed = 0;
  failed = 0;
  skipped = 0;
  /** @type {string[]} */
  failures = [];

  /** Records one check; `detail` is shown on failure (and on success when short and useful). */
  check(name, ok, detail = '') {
    if (ok) {
      this.passed++;
      console.log(`  PASS ${name}${detail ? ` (${detail})` : ''}`);
    } else {
      this.failed++;
      this.failures.push(`${name}: ${detail}`);
      console.log(`  FAIL ${name}${detail ? ` — ${detail}` : ''}`);
    }
    return ok;
  }

  /** Compares with strict equality and reports both values on a mismatch. */
  equal(name, actual, expected) {
    const ok = Object.is(actual, expected);
    return this.check(name, ok, ok ? String(actual) : `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }

  skip(name, reason) {
    this.skipped++;
    console.log(`  SKIP ${name} — ${reason}`);
  }

  /** Adds counts reported by another runner (the extension-host suites). */
  add({ passed, failed, pending = 0 }) {
    this.passed += passed;
    this.failed += failed;
    this.skipped += pending;
  }
}
