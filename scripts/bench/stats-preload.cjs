// Loaded with `node --require` in front of a diagnoser by the bench (scripts/bench.ts): records how late this
// process's timers fired once its own code was loaded (event-loop lag) and its peak memory (max RSS), and writes
// them as JSON to the file named by GD_BENCH_STATS when the process exits. Measures, changes nothing.
'use strict';
const { writeFileSync } = require('node:fs');
const { monitorEventLoopDelay } = require('node:perf_hooks');

const file = process.env.GD_BENCH_STATS;
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  // After the main module's synchronous load: loading code is start-up time, not lag.
  setImmediate(() => histogram.enable());
  process.on('exit', () => {
    histogram.disable();
    const ms = (ns) => (Number.isFinite(ns) ? Math.round(ns / 1e5) / 10 : 0);
    writeFileSync(
      file,
      JSON.stringify({
        lagMaxMs: ms(histogram.max),
        lagP99Ms: ms(histogram.percentile(99)),
        maxRssMiB: Math.round(process.resourceUsage().maxRSS / 102.4) / 10,
      }),
    );
  });
}
