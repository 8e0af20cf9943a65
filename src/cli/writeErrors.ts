// What the CLI does when its output cannot be written: a reader that stopped early
// (`token-spend --json | head -c 100`) ends the run quietly, as `cat` does; any other write error
// (a full disk, a closed terminal) is one line on standard error, never a stack trace.

type Exit = (code: number) => void;

/** Handles write errors on `stream` (stdout or stderr); `stderr` writes the one-line message. */
export function exitOnWriteError(stream: NodeJS.WritableStream, name: string, stderr: (text: string) => void, exit: Exit): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') return exit(0);
    try {
      stderr(`token-spend: cannot write to ${name}: ${err.code ?? err.message}${err.code === 'ENOSPC' ? ' (no space left on the device)' : ''}\n`);
    } catch {
      // Standard error cannot be written either: the exit code is all that is left.
    }
    exit(1);
  });
}
