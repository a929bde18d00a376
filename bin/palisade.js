#!/usr/bin/env node
// Installed package entry: runs the compiled CLI (npm run build produces dist/).
import module from 'node:module';

// Node >= 22.1 caches compiled code on disk: start-up then skips re-parsing the CLI and its
// dependencies on every run, which is most of a small scan's wall time.
module.enableCompileCache?.();

const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
