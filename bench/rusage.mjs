// Preloaded with `node --import ./bench/rusage.mjs …` (plain JS: a .ts preload would load the type
// stripper): reports the process's peak RSS and CPU time on exit, to stderr as one JSON line, so the
// benchmark measures the real CLI without hooks in the product.
process.on('exit', () => {
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  process.stderr.write(`\n${JSON.stringify({ benchMaxRssKiB: usage.maxRSS, benchCpuMs: cpuMs })}\n`);
});
