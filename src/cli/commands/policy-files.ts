import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PalisadeError } from '../../model/index.ts';

const YAML = /\.ya?ml$/;

/**
 * The YAML files a user names: files as given, directories searched recursively (sorted), so a
 * repository's `policies/` folder is one argument. Unreadable paths are usage errors.
 */
export function readYamlFiles(paths: readonly string[]): { path: string; text: string }[] {
  const files: string[] = [];
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new PalisadeError('usage', `${path}: no such file or directory`);
    }
    if (!isDirectory) files.push(path);
    else {
      for (const entry of readdirSync(path, { recursive: true, encoding: 'utf8' }).sort()) {
        if (YAML.test(entry) && !entry.split('/').includes('node_modules')) files.push(join(path, entry));
      }
    }
  }
  return files.map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}
