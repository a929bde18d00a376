import { Optional } from '@marcbachmann/cel-js';
import { chargeCall, STRING_TRAVERSAL_FACTOR } from './cost.ts';
import { parseUrl } from './k8s-url.ts';
import type { LibraryContext } from './libraries.ts';

/** A named string format from the Kubernetes format library (`format.dns1123Label()`, `format.named('uuid')`). */
export class NamedFormat {
  readonly name: string;
  readonly validate: (s: string) => string[];

  constructor(name: string, validate: (s: string) => string[]) {
    this.name = name;
    this.validate = validate;
  }

  equals(other: unknown): boolean {
    return other instanceof NamedFormat && other.name === this.name;
  }
}

// Messages are apimachinery's (k8s.io/apimachinery/pkg/util/validation), so policies that show
// them read the same as the API server's own validation errors.
function regexError(message: string, pattern: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${pattern}')`;
  return `${message} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${pattern}')`;
}

const maxLen = (n: number): string => `must be no more than ${n} characters`;

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE = `(${QUALIFIED_NAME})?`;

const full = (p: string): RegExp => new RegExp(`^${p}$`);
const RE = {
  label: full(DNS1123_LABEL),
  subdomain: full(DNS1123_SUBDOMAIN),
  dns1035: full(DNS1035_LABEL),
  qualified: full(QUALIFIED_NAME),
  labelValue: full(LABEL_VALUE),
};

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const QUALIFIED_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** `NameIs…(name, prefix=true)` validates a generateName prefix: a trailing '-' is allowed. */
function maskTrailingDash(s: string): string {
  return s.length > 1 && s.endsWith('-') ? `${s.slice(0, -1)}a` : s;
}

export function dns1123Label(s: string): string[] {
  const errs: string[] = [];
  if (s.length > 63) errs.push(maxLen(63));
  if (!RE.label.test(s)) errs.push(regexError(LABEL_MSG, DNS1123_LABEL, 'my-name', '123-abc'));
  return errs;
}

export function dns1123Subdomain(s: string): string[] {
  const errs: string[] = [];
  if (s.length > 253) errs.push(maxLen(253));
  if (!RE.subdomain.test(s)) errs.push(regexError(SUBDOMAIN_MSG, DNS1123_SUBDOMAIN, 'example.com'));
  return errs;
}

export function dns1035Label(s: string): string[] {
  const errs: string[] = [];
  if (s.length > 63) errs.push(maxLen(63));
  if (!RE.dns1035.test(s)) errs.push(regexError(DNS1035_MSG, DNS1035_LABEL, 'my-name', 'abc-123'));
  return errs;
}

export function qualifiedName(value: string): string[] {
  const parts = value.split('/');
  if (parts.length > 2) {
    return [
      `a qualified name ${regexError(QUALIFIED_MSG, QUALIFIED_NAME, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const errs: string[] = [];
  const name = parts.length === 2 ? (parts[1] as string) : (parts[0] as string);
  if (parts.length === 2) {
    const prefix = parts[0] as string;
    if (prefix === '') errs.push('prefix part must be non-empty');
    else errs.push(...dns1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  }
  if (name === '') errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLen(63)}`);
  if (!RE.qualified.test(name)) {
    errs.push(`name part ${regexError(QUALIFIED_MSG, QUALIFIED_NAME, 'MyName', 'my.name', '123-abc')}`);
  }
  return errs;
}

export function labelValue(s: string): string[] {
  const errs: string[] = [];
  if (s.length > 63) errs.push(maxLen(63));
  if (!RE.labelValue.test(s))
    errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE, 'MyValue', 'my_value', '12345'));
  return errs;
}

const UUID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}:?\d{2})?$/;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function date(s: string): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m && validDate(Number(m[1]), Number(m[2]), Number(m[3])) ? [] : ['invalid date'];
}

function dateTime(s: string): string[] {
  const m = DATE_TIME.exec(s);
  const ok =
    m !== null &&
    validDate(Number(m[1]), Number(m[2]), Number(m[3])) &&
    Number(m[4]) < 24 &&
    Number(m[5]) < 60 &&
    Number(m[6] ?? 0) < 60;
  return ok ? [] : ['invalid datetime'];
}

function uri(s: string): string[] {
  const u = parseUrl(s);
  return typeof u === 'string' ? [u.replace(/^URL parse error during conversion from string: /, '')] : [];
}

export const FORMATS: Readonly<Record<string, NamedFormat>> = Object.freeze({
  dns1123Label: new NamedFormat('DNS1123Label', dns1123Label),
  dns1123Subdomain: new NamedFormat('DNS1123Subdomain', dns1123Subdomain),
  dns1035Label: new NamedFormat('DNS1035Label', dns1035Label),
  qualifiedName: new NamedFormat('QualifiedName', qualifiedName),
  dns1123LabelPrefix: new NamedFormat('DNS1123LabelPrefix', (s) => dns1123Label(maskTrailingDash(s))),
  dns1123SubdomainPrefix: new NamedFormat('DNS1123SubdomainPrefix', (s) =>
    dns1123Subdomain(maskTrailingDash(s)),
  ),
  dns1035LabelPrefix: new NamedFormat('DNS1035LabelPrefix', (s) => dns1035Label(maskTrailingDash(s))),
  labelValue: new NamedFormat('LabelValue', labelValue),
  uri: new NamedFormat('URI', uri),
  uuid: new NamedFormat('uuid', (s) => (UUID.test(s) ? [] : ['does not match the UUID format'])),
  byte: new NamedFormat('byte', (s) => (BASE64.test(s) ? [] : ['invalid base64'])),
  date: new NamedFormat('date', date),
  datetime: new NamedFormat('datetime', dateTime),
});

/** The Kubernetes format library: `format.<name>()`, `format.named(name)` and `<Format>.validate(s)`. */
export function registerFormat(ctx: LibraryContext): void {
  ctx.type('kubernetes.NamedFormat', NamedFormat);
  ctx.equality('kubernetes.NamedFormat');
  ctx.namespace('format');
  for (const [name, format] of Object.entries(FORMATS)) {
    ctx.fn(`FormatNamespace.${name}(): kubernetes.NamedFormat`, () => format);
  }
  ctx.fn('FormatNamespace.named(string): optional', (_ns: object, name: string) => {
    const format = Object.hasOwn(FORMATS, name) ? FORMATS[name] : undefined;
    return format ? Optional.of(format) : Optional.none();
  });
  ctx.fn('kubernetes.NamedFormat.validate(string): optional', (f: NamedFormat, s: string) => {
    chargeCall(ctx.state, s.length * STRING_TRAVERSAL_FACTOR);
    const errors = f.validate(s);
    return errors.length === 0 ? Optional.none() : Optional.of(errors);
  });
}
