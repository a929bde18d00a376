import type { RawInstruction } from './dockerfile-lexer.ts';
import type {
  DockerAddUrl,
  DockerArg,
  DockerfileDocument,
  DockerPipeToShell,
  DockerSecretKey,
  DockerStage,
} from './dockerfile-shape.ts';
import type { FieldLines } from './resource.ts';

/** What a stage needs for the derived facts: the stage, its raw instructions in the same order. */
export interface StageInput {
  stage: DockerStage;
  raws: RawInstruction[];
  userLine: number | null;
}

export type DockerfileFacts = Pick<
  DockerfileDocument,
  'finalUser' | 'runsAsRoot' | 'baseImages' | 'addUrls' | 'secretKeys' | 'pipeToShell'
>;

/**
 * The conveniences policies ask for, computed once so that CEL expressions stay one line:
 * the final user, the pinning of base images, remote ADD sources, secret-looking ENV and ARG
 * keys, and downloads piped into a shell.
 */
export function dockerfileFacts(
  globalArgs: DockerArg[],
  stages: StageInput[],
  lines: FieldLines,
): DockerfileFacts {
  const { user, line: userLine } = finalUser(stages);
  lines.set(['finalUser'], userLine);
  lines.set(['runsAsRoot'], userLine);
  const facts: DockerfileFacts = {
    finalUser: user,
    runsAsRoot: isRoot(user),
    baseImages: [],
    addUrls: [],
    secretKeys: [],
    pipeToShell: [],
  };
  for (const arg of globalArgs) {
    if (isSecretName(arg.name)) {
      facts.secretKeys.push(secretKey(null, arg.line, 'ARG', arg.name, arg.value !== null));
    }
  }
  for (const { stage, raws } of stages) {
    const { from } = stage;
    if (from.pin !== 'stage' && from.pin !== 'scratch') {
      const { raw: _raw, alias: _alias, stage: _stage, ...ref } = from;
      facts.baseImages.push({ ...ref, stage: stage.index });
    }
    stage.instructions.forEach((instruction, i) => {
      const raw = raws[i];
      if (instruction.cmd === 'ADD')
        facts.addUrls.push(...addUrls(stage.index, instruction.line, instruction.args, instruction.flags));
      if (instruction.cmd === 'RUN' && raw)
        facts.pipeToShell.push(...pipesToShell(stage.index, raw, instruction.args, instruction.json));
    });
    for (const env of stage.env) {
      if (isSecretName(env.key))
        facts.secretKeys.push(secretKey(stage.index, env.line, 'ENV', env.key, true));
    }
    for (const arg of stage.args) {
      if (isSecretName(arg.name)) {
        facts.secretKeys.push(secretKey(stage.index, arg.line, 'ARG', arg.name, arg.value !== null));
      }
    }
  }
  facts.secretKeys.sort((a, b) => a.line - b.line);
  for (const [name, list] of Object.entries({
    baseImages: facts.baseImages,
    addUrls: facts.addUrls,
    secretKeys: facts.secretKeys,
    pipeToShell: facts.pipeToShell,
  })) {
    for (const [i, entry] of list.entries()) lines.set([name, String(i)], entry.line);
    // The list as a whole points at its first entry: where a policy over `exists()` looks first.
    if (list[0]) lines.set([name], list[0].line);
  }
  return facts;
}

/** The final stage's last USER, else that of the stage it builds on, else root. */
function finalUser(stages: StageInput[]): { user: string; line: number } {
  let current = stages.at(-1);
  while (current) {
    const { stage, userLine } = current;
    if (stage.user !== null) return { user: stage.user, line: userLine ?? stage.line };
    current = stage.from.stage === null ? undefined : stages[stage.from.stage];
  }
  const last = stages.at(-1);
  return { user: 'root', line: last?.stage.line ?? 1 };
}

function isRoot(user: string): boolean {
  const name = user.split(':')[0]?.trim() ?? '';
  return name === 'root' || name === '0';
}

// BuildKit's SecretsUsedInArgOrEnv check: a secret word as the whole name or a `_`-separated part.
const SECRET_NAME =
  /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const ALLOWED_NAME = /(?:_|^)public(?:_|$)/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !ALLOWED_NAME.test(name);
}

function secretKey(
  stage: number | null,
  line: number,
  instruction: 'ENV' | 'ARG',
  key: string,
  hasValue: boolean,
): DockerSecretKey {
  return { stage, line, instruction, key, hasValue };
}

const HTTP_URL = /^(?:https?|ftp):\/\//i;
const GIT_SCHEME = /^(?:git@[^:\s]+:|git:\/\/|ssh:\/\/)/i;

/** `git@host:o/r`, `git://…`, `ssh://…`, or a URL of a `.git` repository (`…/x.git#ref`). */
function isGitSource(source: string): boolean {
  return GIT_SCHEME.test(source) || (source.split('#')[0] ?? '').toLowerCase().endsWith('.git');
}

function addUrls(stage: number, line: number, args: string[], flags: Record<string, string>): DockerAddUrl[] {
  // The last argument is the destination; here-documents (`<<EOF`) are inline sources.
  return args
    .slice(0, -1)
    .filter((source) => HTTP_URL.test(source) || isGitSource(source))
    .map((url) => ({ stage, line, url, git: isGitSource(url), checksum: flags.checksum ?? null }));
}

/** What may follow the `|` of `curl … | sh`: sudo with its flags, env, a path, then the shell. */
const SHELL_AFTER_PIPE =
  /[ \t]*(?:sudo[ \t]+(?:-[^\s|;&]+[ \t]+)*)?(?:env[ \t]+)?(?:\/usr)?(?:\/local)?(?:\/bin\/)?(?:ba|z|da|k|a|fi)?sh\b/y;
const DOWNLOADER = /\b(curl|wget)\b/;
/** `sh -c "$(curl …)"` and `bash <(curl …)`: linear, nothing unbounded is repeated. */
const SUBSHELL_PATTERNS = [
  /\b(?:ba|z|da|k|a)?sh[ \t]+-c[ \t]+["']?\$\([ \t]*(curl|wget)\b[^)\n]*\)?/g,
  /\b(?:ba|z|da|k|a)?sh[ \t]+<\([ \t]*(curl|wget)\b[^)\n]*\)?/g,
];

interface PipeMatch {
  index: number;
  downloader: string;
  command: string;
}

/**
 * `curl … | sh`, `wget -qO- … | sudo bash -s`: each pipeline segment (between `;`, `&`, line
 * breaks and pipes) is looked at once, so the scan stays linear whatever the command holds.
 */
function pipedDownloads(text: string): PipeMatch[] {
  const found: PipeMatch[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === ';' || c === '&' || c === '\n') {
      start = i + 1;
    } else if (c === '|' && text.charAt(i + 1) === '|') {
      start = i + 2;
      i++;
    } else if (c === '|') {
      const downloader = DOWNLOADER.exec(text.slice(start, i));
      SHELL_AFTER_PIPE.lastIndex = i + 1;
      if (downloader && SHELL_AFTER_PIPE.test(text)) {
        const index = start + downloader.index;
        found.push({
          index,
          downloader: downloader[1] ?? '',
          command: text.slice(index, SHELL_AFTER_PIPE.lastIndex),
        });
      }
      start = i + 1;
    }
  }
  for (const pattern of SUBSHELL_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      found.push({ index: match.index, downloader: match[1] ?? '', command: match[0] });
    }
  }
  return found;
}

function pipesToShell(
  stage: number,
  raw: RawInstruction,
  args: string[],
  json: boolean,
): DockerPipeToShell[] {
  const found: DockerPipeToShell[] = [];
  const scan = (text: string, lineAt: (offset: number) => number): void => {
    for (const match of pipedDownloads(text)) {
      found.push({
        stage,
        line: lineAt(match.index),
        downloader: match.downloader === 'wget' ? 'wget' : 'curl',
        command: match.command.trim().slice(0, 200),
      });
    }
  };
  if (json) scan(args.join(' '), () => raw.line);
  else scan(raw.text, (offset) => segmentLine(raw, offset));
  for (const heredoc of raw.heredocs) {
    scan(heredoc.body, (offset) => heredoc.line + countNewlines(heredoc.body, offset));
  }
  return found.sort((a, b) => a.line - b.line);
}

function segmentLine(raw: RawInstruction, offset: number): number {
  let line = raw.line;
  for (const segment of raw.segments) {
    if (segment.offset > offset) break;
    line = segment.line;
  }
  return line;
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
