import { type HclBlock, scanHclBlocks } from './hcl-lines.ts';
import {
  type IacInput,
  type IacParseResult,
  type IacResource,
  inputError,
  nestingDepth,
} from './resource.ts';

/** No Terraform file comes near this; larger input is refused rather than parsed. */
const MAX_TERRAFORM_CHARS = 8 * 1024 * 1024;
/** hcl2json recurses per level; real configurations nest a handful of blocks. */
const MAX_DEPTH = 64;
const FIX = 'fix the HCL (`terraform validate` shows the details)';
/**
 * Brackets open at once before the parser is called. A stack overflow inside the Go parser is
 * caught as a RangeError, but it leaves the Go runtime broken: the next .tf file of the scan
 * then aborts the whole process ("fatal error: malloc deadlock"). So depth is bounded first;
 * brackets in strings count too, which only makes the bound stricter.
 */
const MAX_BRACKET_DEPTH = 256;
/** Key under which JSON documents held in string attributes are given decoded (docs/iac-shapes.md). */
export const DECODED = '_decoded';

/** Policies select blocks with `apiGroups: ["terraform.palisade.dev"], resources: ["aws_s3_bucket"]` (the kind). */
export const TERRAFORM_API = { group: 'terraform.palisade.dev', version: 'v1alpha1' };

/**
 * HashiCorp's HCL parser (Go compiled to WebAssembly), loaded on the first .tf file: loading it
 * costs tens of MB, which a scan of a repository without Terraform should not pay.
 */
async function parse(path: string, text: string): Promise<unknown> {
  const hcl2json = await import('@cdktf/hcl2json');
  return hcl2json.parse(path, text);
}

export function matchesTerraform(path: string): boolean {
  return path.endsWith('.tf');
}

/**
 * Resources, data sources, module calls and variables of one .tf file. The object of each is its
 * body as hcl2json gives it: attributes as values, nested blocks as arrays (under their labels
 * when they have some), expressions that are not literals as `${…}` strings.
 */
export async function parseTerraform(path: string, text: string): Promise<IacParseResult> {
  if (text.length > MAX_TERRAFORM_CHARS) {
    throw inputError(
      path,
      1,
      `${Math.round(text.length / 1048576)} MB is too large for a Terraform file`,
      'split it',
    );
  }
  const config = await parseHcl(path, text);
  const blocks = scanHclBlocks(text);
  const resources: IacResource[] = [];
  for (const [section, kindOf] of SECTIONS) {
    const byType = record(config[section]);
    for (const [first, value] of Object.entries(byType)) {
      // resource and data have two labels (type, name); module and variable one (name).
      const entries = kindOf === null ? [[first, value] as const] : Object.entries(record(value));
      for (const [name, bodies] of entries) {
        const labels = kindOf === null ? [first] : [first, name];
        const headers = blocks.filter((b) => b.type === section && sameLabels(b.labels, labels));
        asArray(bodies).forEach((body, i) => {
          resources.push(toResource(path, kindOf === null ? section : kindOf(first), name, body, headers[i]));
        });
      }
    }
  }
  for (const resource of resources) await decodeDocuments(resource.object);
  resources.sort((a, b) => a.source.line - b.source.line);
  return { resources, skipped: [] };
}

/** Top-level sections listed, with the resource kind each entry becomes. */
const SECTIONS: Array<[string, ((type: string) => string) | null]> = [
  ['resource', (type) => type],
  ['data', (type) => `data.${type}`],
  ['module', null],
  ['variable', null],
];

function toResource(
  path: string,
  kind: string,
  name: string,
  body: unknown,
  header: HclBlock | undefined,
): IacResource {
  const line = header?.line ?? 1;
  return {
    kind,
    name,
    // The Terraform address (`aws_s3_bucket.logs`, `data.aws_iam_policy_document.p`, `module.vpc`).
    api: { ...TERRAFORM_API, resource: kind, subject: `${kind}.${name} (${path})` },
    source: { path, line },
    object: isRecord(body) ? body : {},
    lineOf: (fieldPath) => {
      // A decoded document points at the attribute that holds it.
      const at = fieldPath.indexOf(DECODED);
      const path = at < 0 ? fieldPath : [...fieldPath.slice(0, at), ...fieldPath.slice(at + 1, at + 2)];
      return header ? header.fields.lineOf(path) : line;
    },
  };
}

function refuseDeepBrackets(path: string, text: string): void {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line++;
    else if (c === 0x7b || c === 0x5b || c === 0x28) depth++;
    else if ((c === 0x7d || c === 0x5d || c === 0x29) && depth > 0) depth--;
    if (depth > MAX_BRACKET_DEPTH) {
      throw inputError(path, line, `HCL nested deeper than ${MAX_BRACKET_DEPTH} brackets`, FIX);
    }
  }
}

async function parseHcl(path: string, text: string): Promise<Record<string, unknown>> {
  refuseDeepBrackets(path, text);
  let config: unknown;
  try {
    config = await parse(path, text);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    if (cause instanceof RangeError) throw inputError(path, 1, 'HCL nested too deeply', FIX);
    // hcl2json: `parse config: [main.tf:2,7-3,1: Summary; detail. main.tf:…]`
    const at = message.indexOf(`${path}:`);
    const diagnostic = at < 0 ? message : message.slice(at + path.length + 1);
    const match = /^(\d+),\d+(?:-\d+(?:,\d+)?)?: ([^;\]]*)/.exec(diagnostic);
    throw inputError(path, Number(match?.[1] ?? 1), `invalid HCL (${match?.[2] ?? message})`, FIX);
  }
  if (nestingDepth(config, MAX_DEPTH) > MAX_DEPTH) {
    throw inputError(path, 1, `HCL nested deeper than ${MAX_DEPTH} levels`, FIX);
  }
  return record(config);
}

/**
 * Policies cannot parse JSON, so a string attribute holding a JSON document (an IAM policy as
 * JSON text, a heredoc, or `jsonencode({...})` of a literal) is given decoded under
 * `_decoded.<attribute>`, in each block body. The attribute itself stays as written.
 */
async function decodeDocuments(body: unknown): Promise<void> {
  if (!isRecord(body)) return;
  const decoded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') {
      const document = await decodeJson(value);
      if (document !== undefined) decoded[key] = document;
    } else {
      for (const nested of nestedBodies(value)) await decodeDocuments(nested);
    }
  }
  if (Object.keys(decoded).length > 0) body[DECODED] = decoded;
}

/** Bodies of nested blocks: an array of bodies, or label → array of bodies (`dynamic "ingress"`). */
function nestedBodies(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (!isRecord(value)) return [];
  return Object.values(value).flatMap((inner) => (Array.isArray(inner) ? inner : []));
}

async function decodeJson(value: string): Promise<unknown> {
  const trimmed = value.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  const call = /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(trimmed);
  if (!call) return undefined;
  try {
    const parsed = record(await parse('jsonencode.tf', `v = ${call[1]}\n`)).v;
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined; // an expression hcl2json cannot read alone: left as written
  }
}

function sameLabels(a: string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((label, i) => label === b[i]);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const terraform: IacInput = {
  name: 'terraform',
  version: 2,
  apiGroup: TERRAFORM_API.group,
  matches: matchesTerraform,
  parse: parseTerraform,
};
