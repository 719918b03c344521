// Why Prometheus did not start for the demo, in one line with the fix, read from its log
// (messages of Prometheus 2.x: cmd/prometheus/main.go, tsdb/db.go, web/web.go).

export function diagnosePrometheus(log: string, f: { port: number; dataDir: string; configFile: string; logFile: string }): string {
  const lead = `Prometheus (port ${f.port}, data ${f.dataDir}) could not start`;
  if (/address already in use/i.test(log))
    return `${lead}: port ${f.port} is already in use. Fix: stop that program or set DEMO_PROMETHEUS_PORT to a free port.`;
  if (/lock DB directory|resource temporarily unavailable/i.test(log))
    return `${lead}: another Prometheus already uses ${f.dataDir}. Fix: stop it (pgrep -a prometheus shows it), then run the demo again.`;
  if (/permission denied/i.test(log)) {
    const p = /open(?:ing)? [^:]*?(\/[^\s":]+)[^\n]*permission denied/i.exec(log)?.[1];
    return `${lead}: permission denied on ${p ?? f.dataDir}. Fix: make it writable for this user, or reset the demo (npm run demo -- --reset).`;
  }
  if (/no space left on device/i.test(log)) return `${lead}: the disk holding ${f.dataDir} is full. Fix: free some space and start again.`;
  if (/error loading config|couldn't load configuration/i.test(log))
    return `${lead}: its configuration ${f.configFile} is invalid. Fix: run the demo again (it rewrites the file), or see ${f.logFile}.`;
  if (/opening storage failed|corrupt|invalid block sequence|unexpected end of JSON/i.test(log))
    return `${lead}: its data in ${f.dataDir} is unreadable. Fix: npm run demo -- --rebuild (new history) or --reset.`;
  const err = [...log.matchAll(/(?:level=error|err=|msg=")([^\n]{0,200})/g)].pop()?.[1];
  return `${lead}: ${err ? err.trim() : "it exited"}. See ${f.logFile}.`;
}
