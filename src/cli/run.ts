// Entry for running from source (`npm run palisade -- …`); bin/palisade.js is the installed entry.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
