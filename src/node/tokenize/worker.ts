/**
 * Entry point of dist/count-worker.js: the count service (core/tokenize/incremental/service.ts) on a Node
 * worker thread, so the extension host's main thread never tokenizes. Vocabularies load here on
 * first use and are released when idle.
 */
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { loadTokenizer, releaseTokenizers } from '../../core/tokenize/index';
import { IncrementalCountService, DEFAULT_RELEASE_IDLE_AFTER_MS } from '../../core/tokenize/incremental/service';
import type { FromWorker, ToWorker } from '../../core/tokenize/incremental/protocol';

const port = parentPort;
if (!port) throw new Error('count-worker.js must be started as a worker thread');

const service = new IncrementalCountService({
  loadTokenizer,
  releaseTokenizers,
  post: (message: FromWorker) => port.postMessage(message),
  now: () => performance.now(),
});

port.on('message', (message: ToWorker) => {
  service.handle(message);
  if (message.type === 'configure') scheduleRelease(message.releaseIdleAfterMs);
});

let releaseTimer: NodeJS.Timeout | undefined;
function scheduleRelease(afterMs: number): void {
  if (releaseTimer) clearInterval(releaseTimer);
  releaseTimer = setInterval(() => service.releaseIdle(), Math.max(1000, afterMs / 4));
  releaseTimer.unref();
}
scheduleRelease(DEFAULT_RELEASE_IDLE_AFTER_MS);
