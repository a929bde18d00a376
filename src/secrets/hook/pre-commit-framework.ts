/**
 * The hook definition the pre-commit framework (https://pre-commit.com) reads from
 * `.pre-commit-hooks.yaml` at the root of this repository: the lead commits this text there.
 * `language: node` makes pre-commit install the package and run its `palisade` bin;
 * `pass_filenames: false` because the hook reads the staged diff itself (added lines only,
 * which a list of file names could not express).
 */
export const PRE_COMMIT_HOOKS_YAML = `- id: palisade-secrets
  name: palisade secrets
  description: Blocks commits whose staged changes add a secret (API keys, tokens, private keys).
  entry: palisade hook pre-commit
  language: node
  pass_filenames: false
  always_run: true
  stages: [pre-commit]
  minimum_pre_commit_version: '3.2.0'
`;

/** README section: the git hook and the pre-commit framework entry. `<repository URL>` is for the lead to fill. */
export const README_HOOK_SNIPPET = `### Blocking secrets before they are committed

\`palisade hook install\` installs a git pre-commit hook (in \`core.hooksPath\` when set). It scans
the lines the commit adds and blocks the commit when one of them holds a secret. A hook that was
there before is kept and runs first (\`pre-commit.pre-palisade\`); \`--force\` replaces it instead.
\`git commit --no-verify\` skips the check; \`palisade:allow\` in a comment on a line marks a false positive.

With the [pre-commit](https://pre-commit.com) framework, add to \`.pre-commit-config.yaml\`:

\`\`\`yaml
repos:
  - repo: <repository URL>
    rev: v0.1.0
    hooks:
      - id: palisade-secrets
\`\`\`

Known secrets that should not block (while they are being rotated) go in a baseline:
\`palisade secrets --format json --output .palisade-baseline.json\`, then
\`palisade hook pre-commit --baseline .palisade-baseline.json\` fails only on new ones.
`;
