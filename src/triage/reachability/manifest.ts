import { z } from 'zod';

const dependencyMap = z.record(z.string(), z.unknown()).optional().catch(undefined);

/** package.json as reachability reads it: entry points, scripts, workspaces, dependencies; lenient. */
const manifestSchema = z.looseObject({
  name: z.string().optional().catch(undefined),
  version: z.string().optional().catch(undefined),
  main: z.string().optional().catch(undefined),
  module: z.string().optional().catch(undefined),
  browser: z.unknown().optional(),
  bin: z
    .union([z.string(), z.record(z.string(), z.string())])
    .optional()
    .catch(undefined),
  exports: z.unknown().optional(),
  scripts: z.record(z.string(), z.string()).optional().catch(undefined),
  workspaces: z
    .union([
      z.array(z.string()),
      z.looseObject({ packages: z.array(z.string()).optional().catch(undefined) }),
    ])
    .optional()
    .catch(undefined),
  dependencies: dependencyMap,
  devDependencies: dependencyMap,
  optionalDependencies: dependencyMap,
  peerDependencies: dependencyMap,
});

export type Manifest = z.infer<typeof manifestSchema>;

/** Parses a package.json; undefined when absent or not a JSON object (the analysis then infers entry points). */
export function parseManifest(text: string | undefined): Manifest | undefined {
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = manifestSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** What a package needs at run time: dependencies, optional and peer dependencies (not dev ones). */
export function runtimeDependencies(manifest: Manifest | undefined): string[] {
  if (!manifest) return [];
  return [
    ...new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.optionalDependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ]),
  ].sort();
}

/** The executables a package declares: `bin` as a string is named after the package. */
export function binaries(manifest: Manifest | undefined): Map<string, string> {
  const bins = new Map<string, string>();
  if (!manifest?.bin) return bins;
  if (typeof manifest.bin === 'string') {
    const name = manifest.name?.split('/').pop();
    if (name) bins.set(name, manifest.bin);
  } else {
    for (const [name, path] of Object.entries(manifest.bin)) bins.set(name, path);
  }
  return bins;
}

/** 1-based line of the first line of `text` containing `needle` (JSON keys for evidence), else 1. */
export function lineOf(text: string | undefined, needle: string): number {
  if (text === undefined) return 1;
  const i = text.indexOf(needle);
  if (i < 0) return 1;
  let line = 1;
  for (let j = text.indexOf('\n'); j >= 0 && j < i; j = text.indexOf('\n', j + 1)) line++;
  return line;
}
