import { z } from 'zod';

/** hosted: `{name, url, sha256?}`; git: `{url, ref, resolved-ref, path}`; path: `{path, relative}`; sdk: the SDK name. */
const description = z.union([
  z.string(),
  z.looseObject({
    name: z.string().optional(),
    url: z.string().optional(),
    path: z.string().optional(),
    ref: z.string().optional(),
    'resolved-ref': z.string().optional(),
  }),
]);

export const pubPackage = z.looseObject({
  /** "direct main", "direct dev", "direct overridden" or "transitive". */
  dependency: z.string(),
  description: description.optional(),
  source: z.string(),
  version: z.string(),
});

/** pubspec.lock as `dart pub get` / `flutter pub get` write it (Dart 1.x to 3.x). */
export const pubspecLock = z.looseObject({
  // `packages:` with nothing after it is an empty scalar in YAML's failsafe schema.
  packages: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.record(z.string(), pubPackage).optional(),
  ),
});

/** The sibling pubspec.yaml, for the project's name and version. */
export const pubspec = z.looseObject({
  name: z.string(),
  version: z.union([z.string(), z.number()]).transform(String).optional(),
});

export type PubPackage = z.infer<typeof pubPackage>;
