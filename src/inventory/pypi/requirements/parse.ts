import { parseRequirement, pinnedVersion, preview } from '../pep508.ts';
import {
  artifactNameVersion,
  artifactVersion,
  eggName,
  isVcsUrl,
  pathSource,
  registrySource,
  type SourceInfo,
  urlSource,
  vcsSource,
} from '../sources.ts';

/** One meaningful line of a requirements file, at the first physical line of its logical line. */
export type RequirementsLine =
  | { kind: 'include'; line: number; target: string; constraint: boolean }
  | { kind: 'requirement'; line: number; entry: RequirementEntry }
  | { kind: 'invalid'; line: number; text: string; reason: string };

export interface RequirementEntry {
  name: string;
  /** Set by `==`/`===` or by the file name of a wheel or sdist URL. */
  version?: string;
  extras: string[];
  marker?: string;
  source: SourceInfo;
  editable: boolean;
  /** `--hash=algorithm:digest` options, as written. */
  hashes: string[];
}

/**
 * Parses a pip requirements file the way pip reads it (pip/_internal/req/req_file.py): lines ending in
 * "\" continue on the next, "#" at the start or after whitespace starts a comment, `-r`/`-c` include,
 * `-e` marks an editable, other options are pip settings that name no package.
 */
export function parseRequirementsFile(text: string): RequirementsLine[] {
  const out: RequirementsLine[] = [];
  for (const { line, content } of logicalLines(text)) {
    const parsed = parseLine(line, content);
    if (parsed) out.push(parsed);
  }
  return out;
}

function* logicalLines(text: string): Generator<{ line: number; content: string }> {
  const physical = text.split(/\r?\n/);
  let pending: string[] = [];
  let start = 0;
  for (let i = 0; i < physical.length; i++) {
    const raw = physical[i] ?? '';
    const isComment = /^\s*#/.test(raw);
    if (!isComment && raw.endsWith('\\')) {
      if (pending.length === 0) start = i + 1;
      pending.push(raw.slice(0, -1));
      continue;
    }
    // A comment line ends a continuation (pip joins it, then strips it as a comment).
    const parts = pending.length > 0 ? [...pending, isComment ? '' : raw] : [raw];
    const line = pending.length > 0 ? start : i + 1;
    pending = [];
    const content = stripComment(parts.join('')).trim();
    if (content !== '') yield { line, content };
  }
  if (pending.length > 0) {
    const content = stripComment(pending.join('')).trim();
    if (content !== '') yield { line: start, content };
  }
}

function stripComment(text: string): string {
  for (let i = text.indexOf('#'); i >= 0; i = text.indexOf('#', i + 1)) {
    if (i === 0 || /\s/.test(text[i - 1] ?? '')) return text.slice(0, i);
  }
  return text;
}

const INCLUDE_OPTIONS = new Map<string, boolean>([
  ['-r', false],
  ['--requirement', false],
  ['-c', true],
  ['--constraint', true],
]);
const EDITABLE_OPTIONS = new Set(['-e', '--editable']);

function parseLine(line: number, content: string): RequirementsLine | undefined {
  if (!content.startsWith('-')) return parseRequirementLine(line, content, false);
  const option = splitOption(content);
  const constraint = INCLUDE_OPTIONS.get(option.name);
  if (constraint !== undefined) {
    if (option.value === '') return invalid(line, content, `${option.name} names no file`);
    return { kind: 'include', line, target: option.value, constraint };
  }
  if (EDITABLE_OPTIONS.has(option.name)) {
    if (option.value === '') return invalid(line, content, `${option.name} names no project`);
    return parseRequirementLine(line, option.value, true);
  }
  // --index-url, --extra-index-url, --find-links, --trusted-host, --require-hashes…: settings, not packages.
  return undefined;
}

/** `-r file`, `-rfile`, `--requirement file`, `--requirement=file`; the value ends at whitespace. */
function splitOption(content: string): { name: string; value: string } {
  const name = /^--[A-Za-z-]+(?==|\s|$)/.exec(content)?.[0] ?? /^-[A-Za-z]/.exec(content)?.[0] ?? '';
  const rest = content.slice(name.length).replace(/^=/, '').trim();
  return { name, value: rest.split(/\s+/)[0] ?? '' };
}

function parseRequirementLine(line: number, content: string, editable: boolean): RequirementsLine {
  // pip's break_args_options: the requirement ends at the first space-separated token starting with "-".
  const tokens = content.split(' ');
  const firstOption = tokens.findIndex((t) => t.startsWith('-'));
  const requirement = (firstOption < 0 ? tokens : tokens.slice(0, firstOption)).join(' ').trim();
  const hashes = firstOption < 0 ? [] : hashOptions(tokens.slice(firstOption));
  if (requirement === '') return invalid(line, content, 'options without a requirement');
  const entry = classify(requirement, editable);
  if ('reason' in entry) return invalid(line, requirement, entry.reason);
  return { kind: 'requirement', line, entry: { ...entry, hashes } };
}

function hashOptions(tokens: string[]): string[] {
  const hashes: string[] = [];
  tokens.forEach((token, i) => {
    if (token.startsWith('--hash=')) hashes.push(token.slice('--hash='.length));
    else if (token === '--hash' && tokens[i + 1]) hashes.push(tokens[i + 1] ?? '');
  });
  return hashes;
}

type Classified = Omit<RequirementEntry, 'hashes'> | { reason: string };

const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const ARCHIVE = /\.(whl|tar\.gz|tar\.bz2|tar\.xz|tgz|zip)$/i;

function classify(requirement: string, editable: boolean): Classified {
  if (URL_SCHEME.test(requirement) || requirement.startsWith('file:')) {
    return fromLocation(undefined, requirement, editable, [], undefined);
  }
  if (looksLikePath(requirement)) {
    const extras = /\[([^\]]*)\]$/.exec(requirement);
    const location = extras ? requirement.slice(0, extras.index) : requirement;
    return fromLocation(undefined, location, editable, listOf(extras?.[1]), undefined);
  }
  const parsed = parseRequirement(requirement);
  if (!parsed.ok) return { reason: parsed.reason };
  const { name, extras, specifiers, url, marker } = parsed.value;
  if (url !== undefined) return fromLocation(name, url, editable, extras, marker);
  const entry: Classified = { name, extras, source: registrySource(), editable };
  const version = pinnedVersion(specifiers);
  if (version !== undefined) entry.version = version;
  if (marker !== undefined) entry.marker = marker;
  return entry;
}

/** pip treats a requirement as a path when it has a separator or a leading dot, or is an archive file. */
function looksLikePath(requirement: string): boolean {
  if (/^[.~/\\]/.test(requirement)) return true;
  const beforeSpace = requirement.split(/[\s;@]/)[0] ?? '';
  return /[/\\]/.test(beforeSpace) || ARCHIVE.test(beforeSpace);
}

/** A URL, VCS URL or local path: the name comes from the requirement, `#egg=`, or the artifact's file name. */
function fromLocation(
  declaredName: string | undefined,
  location: string,
  editable: boolean,
  extras: string[],
  marker: string | undefined,
): Classified {
  const name = declaredName ?? eggName(location) ?? artifactNameVersion(location)?.name;
  if (name === undefined) {
    return { reason: `"${preview(location)}" names no package; add "#egg=<name>" or use "<name> @ <url>"` };
  }
  const entry: Classified = { name, extras, editable, source: sourceOf(location, editable) };
  const version = artifactVersion(name, location);
  if (version !== undefined) entry.version = version;
  if (marker !== undefined) entry.marker = marker;
  return entry;
}

function sourceOf(location: string, editable: boolean): SourceInfo {
  if (isVcsUrl(location)) return vcsSource(location);
  if (location.startsWith('file:'))
    return pathSource(location.replace(/^file:(\/\/)?/, '').split('#')[0] ?? '', editable);
  if (URL_SCHEME.test(location)) return urlSource(location.split('#')[0] ?? location);
  return pathSource(location.split('#')[0] ?? location, editable);
}

function listOf(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function invalid(line: number, text: string, reason: string): RequirementsLine {
  return { kind: 'invalid', line, text: preview(text), reason };
}
