// A request's latency as people read it in a list: whole milliseconds from 10 ms, one decimal below,
// seconds with two decimals from 1 s (910.475 ms of an exemplar reads "910 ms"). Pure.
export function formatLatency(seconds: number): string {
  if (!Number.isFinite(seconds)) return "—";
  if (seconds >= 1) return `${seconds.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} s`;
  const ms = seconds * 1000;
  return `${ms.toLocaleString("en-US", { maximumFractionDigits: ms >= 10 ? 0 : 1 })} ms`;
}
