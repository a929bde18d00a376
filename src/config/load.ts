import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PalisadeError } from '../model/index.ts';
import { type Config, configSchema } from './schema.ts';
import { lineOfKey, parseYamlFile } from './yaml.ts';

export const CONFIG_FILE = 'palisade.yaml';

/** Reads `palisade.yaml` from `dir` (or the explicit path); an absent file is an empty config. */
export function loadConfig(dir: string, explicitPath?: string): Config {
  const path = configPath(dir, explicitPath);
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

export function configPath(dir: string, explicitPath?: string): string {
  return explicitPath ?? join(dir, CONFIG_FILE);
}

/** `palisade.yaml:12`: where a key of the configuration sits, for errors that checks after loading find. */
export function configKeyLocation(path: string, keyPath: readonly (string | number)[]): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return path;
  }
  return `${path}:${lineOfKey(text, keyPath)}`;
}
