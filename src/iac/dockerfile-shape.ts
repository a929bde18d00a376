/**
 * The JSON a Dockerfile policy sees (`object` of the resource of kind `Dockerfile`), documented
 * with examples in docs/iac-shapes.md. Every field is always present; absent values are `null`,
 * so CEL expressions compare without `has()`.
 */
export interface DockerfileDocument {
  /** Parser directives from the top of the file. */
  directives: { syntax: string | null; escape: string; check: string | null };
  /** ARG instructions before the first FROM (the global scope FROM lines may use). */
  args: DockerArg[];
  stages: DockerStage[];
  /** Index of the last stage, the one `docker build` produces by default. */
  finalStage: number;
  /**
   * User of the final stage: its last USER, else the user of the stage it builds on, else `root`
   * (the base image's own USER cannot be known from the Dockerfile).
   */
  finalUser: string;
  /** `finalUser` names root: `root` or `0`, with or without a group. */
  runsAsRoot: boolean;
  /** The images pulled by FROM (not `scratch`, not earlier stages), one per stage. */
  baseImages: DockerImage[];
  /** ADD instructions whose source is a remote URL or Git repository. */
  addUrls: DockerAddUrl[];
  /** ENV and ARG keys named like secrets (BuildKit's SecretsUsedInArgOrEnv rule). */
  secretKeys: DockerSecretKey[];
  /** RUN commands that pipe a download (curl, wget) into a shell. */
  pipeToShell: DockerPipeToShell[];
}

export interface DockerArg {
  name: string;
  /** The default value; null for `ARG NAME`. */
  value: string | null;
  line: number;
}

export interface DockerStage {
  index: number;
  /** The `AS name`, lowercased as BuildKit reads it; null when unnamed. */
  name: string | null;
  line: number;
  from: DockerFrom;
  /** Every instruction of the stage after FROM, in order. */
  instructions: DockerInstruction[];
  /** Value of the stage's last USER (variables expanded where known); null when none. */
  user: string | null;
  /** ENV of this stage in order of definition (later ones win), values as written. */
  env: DockerKeyValue[];
  /** ARG of this stage (values from their default or the global ARG of the same name). */
  args: DockerArg[];
}

export type DockerPin = 'digest' | 'tag' | 'latest' | 'untagged' | 'variable' | 'scratch' | 'stage';

export interface DockerImageRef {
  /** The reference after global ARG substitution (`node:20-alpine`, `ghcr.io/o/r@sha256:…`). */
  image: string;
  /** Registry host when the reference names one (`ghcr.io`, `localhost:5000`); null for Docker Hub. */
  registry: string | null;
  /** Repository path without registry, tag and digest (`node`, `o/r`). */
  repository: string;
  tag: string | null;
  digest: string | null;
  /** How the reference is pinned; `variable` when an ARG is left unresolved. */
  pin: DockerPin;
}

export interface DockerFrom extends DockerImageRef {
  /** The reference as written, before ARG substitution. */
  raw: string;
  platform: string | null;
  alias: string | null;
  /** Index of the earlier stage this one builds on (`FROM build AS test`), else null. */
  stage: number | null;
  line: number;
}

export interface DockerImage extends DockerImageRef {
  stage: number;
  platform: string | null;
  line: number;
}

export interface DockerInstruction {
  /** Upper case: `RUN`, `COPY`, … */
  cmd: string;
  line: number;
  /** Last physical line, heredoc bodies included. */
  endLine: number;
  /** `--name=value` flags (last one wins); a flag without a value is `"true"`. */
  flags: Record<string, string>;
  /** Every flag in order, for repeatable ones such as `RUN --mount`. */
  flagList: DockerFlag[];
  /**
   * Exec form: the JSON array. Shell form: RUN, CMD and ENTRYPOINT give the command as one string;
   * ENV, ARG and LABEL give `KEY=value` with quotes removed; the others give whitespace-separated words.
   */
  args: string[];
  /** The text after the flags, continuation lines joined. */
  value: string;
  /** True for the exec (JSON array) form. */
  json: boolean;
  heredocs: DockerHeredoc[];
}

export interface DockerFlag {
  name: string;
  value: string;
}

export interface DockerHeredoc {
  /** The delimiter word (`EOF`). */
  name: string;
  /** The body; for `<<-` with leading tabs removed, as the shell would. */
  body: string;
  /** Line of the first body line. */
  line: number;
  /** False when the delimiter was quoted (`<<"EOF"`): no variable expansion in the body. */
  expand: boolean;
}

export interface DockerKeyValue {
  key: string;
  value: string;
  line: number;
}

export interface DockerAddUrl {
  stage: number;
  line: number;
  url: string;
  /** True for a Git repository source (`https://…/x.git#ref`, `git@host:o/r`). */
  git: boolean;
  /** The `--checksum` flag, which pins an HTTP source; null when absent. */
  checksum: string | null;
}

export interface DockerSecretKey {
  /** Stage index; null for an ARG before the first FROM. */
  stage: number | null;
  line: number;
  instruction: 'ENV' | 'ARG';
  key: string;
  /** False for `ARG TOKEN` without a default (the value comes from --build-arg, still kept in the image history). */
  hasValue: boolean;
}

export interface DockerPipeToShell {
  stage: number;
  line: number;
  downloader: 'curl' | 'wget';
  /** The matched command text, at most 200 characters. */
  command: string;
}
