// Preloaded into a measured process (node -r): at exit, append its CPU time and uptime as one JSON line to
// $TOLLGATE_CPU_REPORT. The whole process is counted, Node's own start-up included.
const { appendFileSync } = require('node:fs');
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  const line = JSON.stringify({ cpuMs: (user + system) / 1000, uptimeMs: process.uptime() * 1000 });
  if (process.env.TOLLGATE_CPU_REPORT) appendFileSync(process.env.TOLLGATE_CPU_REPORT, line + '\n');
});
