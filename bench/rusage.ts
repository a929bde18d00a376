// Preloaded with `node --import ./bench/rusage.ts …`: reports the process's peak RSS on exit, to stderr
// as one JSON line, so the benchmark measures the real CLI without hooks in the product.
process.on('exit', () => {
  process.stderr.write(`\n${JSON.stringify({ benchMaxRssKiB: process.resourceUsage().maxRSS })}\n`);
});
