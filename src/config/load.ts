import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PalisadeError } from '../model/index.ts';
import { type Config, configSchema } from './schema.ts';
import { parseYamlFile } from './yaml.ts';

export const CONFIG_FILE = 'palisade.yaml';

/** Reads `palisade.yaml` from `dir` (or the explicit path); an absent file is an empty config. */
export function loadConfig(dir: string, explicitPath?: string): Config {
  const path = explicitPath ?? join(dir, CONFIG_FILE);
  if (!existsSync(path)) {
    if (explicitPath) throw new PalisadeError('config', `${path}: no such configuration file`);
    return {};
  }
  return parseConfig(path, readFileSync(path, 'utf8'));
}

/** Validates the text of a palisade.yaml; errors name the file and line of the offending key. */
export function parseConfig(path: string, text: string): Config {
  return parseYamlFile(path, text, configSchema) ?? {};
}
