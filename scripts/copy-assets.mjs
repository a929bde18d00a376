// Part of `npm run build`: copies the data files the compiled code reads next to itself (the
// built-in policy library is YAML loaded at run time), since tsc emits only JavaScript.
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const ASSET_DIRS = ['policy/library'];

for (const dir of ASSET_DIRS) {
  for (const file of readdirSync(join(root, 'src', dir), { recursive: true, encoding: 'utf8' })) {
    if (!/\.ya?ml$/.test(file)) continue;
    const to = join(root, 'dist', dir, file);
    cpSync(join(root, 'src', dir, file), to);
  }
}
