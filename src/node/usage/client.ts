import { Worker } from 'node:worker_threads';
import type { FromUsageWorker, SpendConfig, ToUsageWorker } from './protocol';

export type ScanResult = Extract<FromUsageWorker, { type: 'summary' }>;

/**
 * The extension host's side of the usage worker. One scan runs at a time; asking again while one
 * runs returns the scan that follows it, so a burst of file changes costs at most two scans.
 */
export class UsageWorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (r: ScanResult) => void; reject: (e: Error) => void }>();
  private running: Promise<ScanResult> | undefined;
  private queued: Promise<ScanResult> | undefined;
  private config: SpendConfig | undefined;

  constructor(
    private readonly script: string,
    private readonly onError: (message: string) => void,
  ) {}

  configure(config: SpendConfig): void {
    this.config = config;
    this.post({ type: 'configure', config });
  }

  scan(now = Date.now()): Promise<ScanResult> {
    if (!this.running) {
      this.running = this.request(now).finally(() => {
        this.running = this.queued;
        this.queued = undefined;
      });
      return this.running;
    }
    this.queued ??= this.running.catch(() => undefined).then(() => this.request(Date.now()));
    return this.queued;
  }

  private request(now: number): Promise<ScanResult> {
    const id = this.nextId++;
    return new Promise<ScanResult>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.post({ type: 'scan', id, now });
    });
  }

  private post(message: ToUsageWorker): void {
    if (!this.worker) {
      this.worker = new Worker(this.script);
      this.worker.on('message', (m: FromUsageWorker) => {
        const w = this.waiting.get(m.id);
        if (!w) return;
        this.waiting.delete(m.id);
        if (m.type === 'summary') w.resolve(m);
        else w.reject(new Error(m.message));
      });
      this.worker.on('error', (err) => {
        this.onError(`the usage reader stopped: ${err.message}`);
        this.fail(err);
      });
      this.worker.on('exit', () => {
        this.worker = undefined;
        this.fail(new Error('the usage reader exited'));
      });
      if (this.config && message.type !== 'configure') this.worker.postMessage({ type: 'configure', config: this.config } satisfies ToUsageWorker);
    }
    this.worker.postMessage(message);
  }

  private fail(err: Error): void {
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }

  dispose(): void {
    const w = this.worker;
    this.worker = undefined;
    this.fail(new Error('the usage reader was stopped'));
    void w?.terminate();
  }
}
