// The token-spend command (dist/cli.js): runs the CLI on this process's arguments. Kept apart from
// main.ts so that tests can import runCli without it reading their own arguments.
import { runCli } from './main';
import { exitOnWriteError } from './writeErrors';
import { terminalSafe } from '../core/format/terminalText';

// Everything goes out through terminalSafe: names from a pricing file reach table, Markdown, CSV,
// JSON and error messages, and none of their control characters may reach the terminal raw.
const writeStderr = (t: string) => void process.stderr.write(terminalSafe(t));
exitOnWriteError(process.stdout, 'standard output', writeStderr, (code) => process.exit(code));
exitOnWriteError(
  process.stderr,
  'standard error',
  () => undefined,
  (code) => process.exit(code),
);

runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(terminalSafe(t)),
  stderr: (t) => process.stderr.write(terminalSafe(t)),
  stdin: process.stdin,
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    writeStderr(`token-spend: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
