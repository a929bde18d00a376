import { z } from 'zod';

// xml.ts turns an empty element (`<properties/>`) into '' and a single child into an object rather
// than a one-element array; these helpers absorb both so the schema states the POM's shape.

const absentIfEmpty = (value: unknown): unknown => (value === '' ? undefined : value);
const asList = (value: unknown): unknown =>
  value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value];

/** Element text; an empty element counts as absent. */
const text = z.preprocess(absentIfEmpty, z.string().optional());

/** `<dependency/>` and `<parent/>` are entries without fields (and without a known line). */
const entry = (value: unknown): unknown => (value === '' ? {} : value);

export const pomDependency = z.preprocess(
  entry,
  z.looseObject({
    '#offset': z.number().optional(),
    groupId: text,
    artifactId: text,
    version: text,
    type: text,
    classifier: text,
    scope: text,
    optional: text,
    systemPath: text,
  }),
);

const dependencies = z.preprocess(
  absentIfEmpty,
  z.looseObject({ dependency: z.preprocess(asList, z.array(pomDependency)) }).optional(),
);

export const pomParent = z.preprocess(
  entry,
  z.looseObject({
    '#offset': z.number().optional(),
    groupId: text,
    artifactId: text,
    version: text,
    // `<relativePath/>` (empty) means "do not look in the file system", unlike an absent element.
    relativePath: z.string().optional(),
  }),
);

/** `<properties>`: only text-valued children are properties; anything else is ignored. */
const properties = z.preprocess(
  // Object.entries drops fast-xml-parser's metadata symbol, which z.record would reject as a key.
  (value) =>
    typeof value === 'object' && value !== null
      ? Object.fromEntries(Object.entries(value))
      : absentIfEmpty(value),
  z
    .record(z.string(), z.unknown())
    .transform((record) => {
      const map = new Map<string, string>();
      for (const [name, value] of Object.entries(record)) {
        if (typeof value === 'string') map.set(name, value);
      }
      return map;
    })
    .optional(),
);

/** The parts of a POM (https://maven.apache.org/pom.html) that decide its dependencies. */
export const pomProject = z.looseObject({
  groupId: text,
  artifactId: text,
  version: text,
  packaging: text,
  parent: z.preprocess(absentIfEmpty, pomParent.optional()),
  properties,
  dependencyManagement: z.preprocess(absentIfEmpty, z.looseObject({ dependencies }).optional()),
  dependencies,
  modules: z.preprocess(
    absentIfEmpty,
    z.looseObject({ module: z.preprocess(asList, z.array(z.preprocess(absentIfEmpty, text))) }).optional(),
  ),
});

export type PomDependency = z.infer<typeof pomDependency>;
export type PomParent = z.infer<typeof pomParent>;
export type PomProject = z.infer<typeof pomProject>;
