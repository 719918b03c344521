// A tiny concurrency limiter: at most `max` of the wrapped tasks run at once, the rest wait in
// order. The dashboard asks for many SLO statuses; each one fans out into several Prometheus
// queries, so an unbounded burst would queue behind itself anyway. Pure, no I/O.

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(max: number): Limiter {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  return async <T,>(task: () => Promise<T>): Promise<T> => {
    if (running >= max) await new Promise<void>((r) => waiting.push(r));
    running++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
