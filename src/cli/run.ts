// Entry for running from source (`npm run palisade -- …`); bin/palisade.js is the installed entry.
import module from 'node:module';

module.enableCompileCache?.();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
