import { dockerfileFacts, type StageInput } from './dockerfile-facts.ts';
import {
  DOCKERFILE_FIX,
  type LexedDockerfile,
  lexDockerfile,
  type RawInstruction,
} from './dockerfile-lexer.ts';
import type {
  DockerArg,
  DockerFrom,
  DockerfileDocument,
  DockerInstruction,
  DockerStage,
} from './dockerfile-shape.ts';
import { expandVariables, keyValues, leadingFlags } from './dockerfile-words.ts';
import { parseImageRef } from './image-ref.ts';
import { basename, FieldLines, type IacInput, type IacParseResult, inputError } from './resource.ts';

/** Policies select Dockerfiles with `apiGroups: ["dockerfile.palisade.dev"], resources: ["dockerfiles"]`. */
export const DOCKERFILE_API = {
  group: 'dockerfile.palisade.dev',
  version: 'v1alpha1',
  resource: 'dockerfiles',
};

/** Far above any real Dockerfile; larger input is refused rather than parsed. */
const MAX_DOCKERFILE_CHARS = 4 * 1024 * 1024;

const INSTRUCTIONS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);
const EXEC_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'COPY', 'ADD', 'VOLUME', 'SHELL']);
const COMMAND_STRING = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'ONBUILD', 'SHELL']);

/** `Dockerfile`, `Containerfile`, `Dockerfile.prod`, `prod.Dockerfile`, `api.dockerfile`. */
export function matchesDockerfile(path: string): boolean {
  const name = basename(path).toLowerCase();
  if (name.endsWith('.dockerignore')) return false;
  return (
    name === 'dockerfile' ||
    name === 'containerfile' ||
    name.startsWith('dockerfile.') ||
    name.startsWith('containerfile.') ||
    name.endsWith('.dockerfile') ||
    name.endsWith('.containerfile')
  );
}

/** A Dockerfile as one resource of kind `Dockerfile`, whose object is a DockerfileDocument. */
export function parseDockerfile(path: string, text: string): IacParseResult {
  if (text.length > MAX_DOCKERFILE_CHARS) {
    throw inputError(
      path,
      1,
      `${Math.round(text.length / 1048576)} MB is too large for a Dockerfile`,
      'check the file',
    );
  }
  const lexed = lexDockerfile(path, text);
  const lines = new FieldLines(lexed.instructions[0]?.line ?? 1);
  const document = buildDocument(path, lexed, lines);
  return {
    resources: [
      {
        kind: 'Dockerfile',
        name: path,
        api: { ...DOCKERFILE_API, subject: path },
        source: { path, line: lexed.instructions[0]?.line ?? 1 },
        object: document,
        lineOf: (fieldPath) => lines.lineOf(fieldPath),
      },
    ],
    skipped: [],
  };
}

interface StageState extends StageInput {
  /** ARG and ENV values known so far in the stage, for expanding USER. */
  vars: Map<string, string>;
}

function buildDocument(path: string, lexed: LexedDockerfile, lines: FieldLines): DockerfileDocument {
  const globalArgs: DockerArg[] = [];
  const globalVars = new Map<string, string>();
  const states: StageState[] = [];
  const esc = lexed.directives.escape;

  for (const raw of lexed.instructions) {
    if (!INSTRUCTIONS.has(raw.keyword)) {
      throw inputError(path, raw.line, `unknown instruction '${raw.keyword.slice(0, 24)}'`, DOCKERFILE_FIX);
    }
    const instruction = toInstruction(path, raw, esc);
    const current = states.at(-1);
    if (raw.keyword === 'FROM') {
      const index = states.length;
      const from = toFrom(path, raw, instruction, globalVars, states);
      const stage: DockerStage = {
        index,
        name: from.alias,
        line: raw.line,
        from,
        instructions: [],
        user: null,
        env: [],
        args: [],
      };
      states.push({ stage, raws: [], vars: new Map(), userLine: null });
      lines.set(['stages', String(index)], raw.line);
      continue;
    }
    if (!current) {
      if (raw.keyword !== 'ARG')
        throw inputError(path, raw.line, `${raw.keyword} before the first FROM`, DOCKERFILE_FIX);
      for (const pair of pairsOf(path, raw, true, esc)) {
        lines.set(['args', String(globalArgs.length)], raw.line);
        globalArgs.push({ name: pair.key, value: pair.value, line: raw.line });
        if (pair.value !== null) globalVars.set(pair.key, expandVariables(pair.value, globalVars));
      }
      continue;
    }
    applyToStage(path, raw, instruction, { state: current, globalVars, lines, esc });
  }

  const last = states.at(-1);
  if (!last)
    throw inputError(path, lexed.instructions.at(-1)?.line ?? 1, 'no FROM instruction', DOCKERFILE_FIX);
  const stages = states.map((s) => s.stage);
  lines.set(['finalStage'], last.stage.line);
  return {
    directives: { ...lexed.directives },
    args: globalArgs,
    stages,
    finalStage: last.stage.index,
    ...dockerfileFacts(globalArgs, states, lines),
  };
}

interface StageContext {
  state: StageState;
  globalVars: ReadonlyMap<string, string>;
  lines: FieldLines;
  esc: string;
}

function applyToStage(
  path: string,
  raw: RawInstruction,
  instruction: DockerInstruction,
  context: StageContext,
): void {
  const { state, globalVars, lines, esc } = context;
  const { stage, vars } = state;
  const at = ['stages', String(stage.index)];
  lines.set([...at, 'instructions', String(stage.instructions.length)], raw.line);
  instruction.heredocs.forEach((heredoc, h) => {
    lines.set(
      [...at, 'instructions', String(stage.instructions.length), 'heredocs', String(h)],
      heredoc.line,
    );
  });
  stage.instructions.push(instruction);
  state.raws.push(raw);
  switch (raw.keyword) {
    case 'USER':
      stage.user = expandVariables(instruction.value, vars);
      state.userLine = raw.line;
      lines.set([...at, 'user'], raw.line);
      break;
    case 'ENV':
      for (const pair of pairsOf(path, raw, false, esc)) {
        const value = pair.value ?? '';
        lines.set([...at, 'env', String(stage.env.length)], raw.line);
        stage.env.push({ key: pair.key, value, line: raw.line });
        vars.set(pair.key, expandVariables(value, vars));
      }
      break;
    case 'ARG':
      for (const pair of pairsOf(path, raw, true, esc)) {
        // A bare ARG inside a stage takes the value of the global ARG of the same name.
        const value = pair.value ?? globalVars.get(pair.key) ?? null;
        lines.set([...at, 'args', String(stage.args.length)], raw.line);
        stage.args.push({ name: pair.key, value, line: raw.line });
        if (value !== null && !vars.has(pair.key)) vars.set(pair.key, expandVariables(value, vars));
      }
      break;
  }
}

function toInstruction(path: string, raw: RawInstruction, esc: string): DockerInstruction {
  const { flags, rest } = leadingFlags(raw.text, esc);
  const value = rest.trim();
  if (value === '' && raw.heredocs.length === 0) {
    throw inputError(path, raw.line, `${raw.keyword} needs arguments`, DOCKERFILE_FIX);
  }
  const exec = EXEC_FORM.has(raw.keyword) ? execForm(value) : undefined;
  if (raw.keyword === 'SHELL' && !exec) {
    throw inputError(path, raw.line, 'SHELL needs a JSON array such as ["/bin/sh", "-c"]', DOCKERFILE_FIX);
  }
  let args: string[];
  if (exec) args = exec;
  else if (COMMAND_STRING.has(raw.keyword)) args = [value];
  else if (raw.keyword === 'ENV' || raw.keyword === 'ARG' || raw.keyword === 'LABEL') {
    args = pairsOf(path, raw, raw.keyword === 'ARG', esc).map((p) =>
      p.value === null ? p.key : `${p.key}=${p.value}`,
    );
  } else args = value.split(/[ \t]+/).filter((w) => w !== '');
  return {
    cmd: raw.keyword,
    line: raw.line,
    endLine: raw.endLine,
    flags: Object.fromEntries(flags.map((f) => [f.key, f.value])),
    flagList: flags.map((f) => ({ name: f.key, value: f.value })),
    args,
    value,
    json: exec !== undefined,
    heredocs: raw.heredocs.map((h) => ({ ...h })),
  };
}

/** The exec form: a JSON array of strings. Anything else is shell form, as BuildKit falls back. */
function execForm(value: string): string[] | undefined {
  if (!value.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) && parsed.every((v) => typeof v === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function pairsOf(
  path: string,
  raw: RawInstruction,
  bareKeys: boolean,
  esc: string,
): Array<{ key: string; value: string | null }> {
  const pairs = keyValues(leadingFlags(raw.text, esc).rest, bareKeys, esc);
  if (!pairs || pairs.some((p) => p.key === '')) {
    throw inputError(path, raw.line, `${raw.keyword} needs KEY=value pairs`, DOCKERFILE_FIX);
  }
  if (!bareKeys && pairs.length === 1 && pairs[0]?.value === '' && !raw.text.includes('=')) {
    throw inputError(path, raw.line, `${raw.keyword} ${pairs[0].key} has no value`, DOCKERFILE_FIX);
  }
  return pairs;
}

function toFrom(
  path: string,
  raw: RawInstruction,
  instruction: DockerInstruction,
  globalVars: ReadonlyMap<string, string>,
  states: readonly StageState[],
): DockerFrom {
  const words = instruction.args;
  const ref = words[0] ?? '';
  const hasAlias = words.length === 3 && words[1]?.toLowerCase() === 'as';
  if (words.length !== 1 && !hasAlias) {
    throw inputError(path, raw.line, 'FROM takes an image and an optional `AS name`', DOCKERFILE_FIX);
  }
  const image = expandVariables(ref, globalVars);
  const earlier = states.find((s) => s.stage.name !== null && s.stage.name === image.toLowerCase());
  const parsed = parseImageRef(image);
  const pin = earlier ? 'stage' : image.toLowerCase() === 'scratch' ? 'scratch' : parsed.pin;
  return {
    ...parsed,
    pin,
    raw: ref,
    platform: instruction.flags.platform ?? null,
    alias: hasAlias ? (words[2] ?? '').toLowerCase() : null,
    stage: earlier ? earlier.stage.index : null,
    line: raw.line,
  };
}

export const dockerfile: IacInput = {
  name: 'dockerfile',
  version: 2,
  apiGroup: DOCKERFILE_API.group,
  matches: matchesDockerfile,
  parse: async (path, text) => parseDockerfile(path, text),
};
