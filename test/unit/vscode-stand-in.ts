// For unit tests of src/vscode modules outside VS Code: a minimal EventEmitter and a hook that
// serves a test's own stand-in object for `require('vscode')` (not a test file itself).

export class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  event = (listener: (e: T) => void) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

/** From now on `require('vscode')` returns `fake`; call the returned function to undo it. */
export function standInForVscode(fake: unknown): () => void {
  const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
  const originalLoad = Module._load;
  Module._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? fake : originalLoad.call(this, request, ...rest);
  };
  return () => {
    Module._load = originalLoad;
  };
}
