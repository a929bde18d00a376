import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PalisadeError } from '../../model/index.ts';
import { MAX_YAML_BYTES } from '../../policy/yaml.ts';

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
  return files.map((path) => ({ path, text: readSmallText(path) }));
}

/**
 * A policy or test file; one far larger than the parser takes is refused before it is read
 * (a 1 GB file would not even fit in a string, and end as an internal error).
 */
function readSmallText(path: string): string {
  const size = statSync(path).size;
  if (size > MAX_YAML_BYTES) {
    throw new PalisadeError(
      'input',
      `${path}: ${Math.round(size / 1048576)} MiB is larger than a policy or test file can be (${MAX_YAML_BYTES / 1048576} MiB); move it out of the folder or split it`,
    );
  }
  return readFileSync(path, 'utf8');
}
