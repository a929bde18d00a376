import { PalisadeError } from '../../../model/index.ts';
import { type GoModStatement, parseGoModStatements } from './parse.ts';

export interface GoRequire {
  path: string;
  version: string;
  indirect: boolean;
  line: number;
}

export interface GoReplace {
  oldPath: string;
  /** Absent when the replacement applies to every version of `oldPath`. */
  oldVersion?: string;
  newPath: string;
  /** Absent for a directory replacement (`=> ../local`). */
  newVersion?: string;
  line: number;
}

export interface GoMod {
  module: { path: string; line: number };
  /** The `go` directive: the language version the module is written for. */
  go?: string;
  toolchain?: string;
  require: GoRequire[];
  exclude: { path: string; version: string; line: number }[];
  replace: GoReplace[];
}

const TIDY = 'fix it or regenerate it with `go mod tidy`';

/**
 * Interprets go.mod directives (https://go.dev/ref/mod#go-mod-file). `retract`, `godebug`, `tool`
 * and `ignore` do not change which modules are built, and directives newer Go releases add are
 * skipped like the go command skips them in dependencies' go.mod files.
 */
export function parseGoMod(path: string, text: string): GoMod {
  let module: GoMod['module'] | undefined;
  const mod: Omit<GoMod, 'module'> = { require: [], exclude: [], replace: [] };
  for (const statement of parseGoModStatements(path, text)) {
    const { verb, args, line } = statement;
    switch (verb) {
      case 'module':
        if (module) throw fail(path, line, `second module directive (the first is on line ${module.line})`);
        module = { path: single(path, statement), line };
        break;
      case 'go':
        mod.go = single(path, statement);
        break;
      case 'toolchain':
        mod.toolchain = single(path, statement);
        break;
      case 'require':
        mod.require.push({ ...pathVersion(path, statement), indirect: isIndirect(statement.comment) });
        break;
      case 'exclude':
        mod.exclude.push(pathVersion(path, statement));
        break;
      case 'replace':
        mod.replace.push(replacement(path, args, line));
        break;
      default:
        break;
    }
  }
  if (!module) throw fail(path, 1, 'no module directive, so this is not a go.mod file of a module');
  return { module, ...mod };
}

function fail(path: string, line: number, what: string): PalisadeError {
  return new PalisadeError('input', `${path}:${line}: ${what}; ${TIDY}`);
}

function single(path: string, { verb, args, line }: GoModStatement): string {
  const [value] = args;
  if (args.length !== 1 || value === undefined) throw fail(path, line, `${verb} takes exactly one argument`);
  return value;
}

function pathVersion(
  path: string,
  { verb, args, line }: GoModStatement,
): { path: string; version: string; line: number } {
  const [modulePath, version] = args;
  if (args.length !== 2 || modulePath === undefined || version === undefined) {
    throw fail(path, line, `${verb} needs a module path and a version`);
  }
  return { path: modulePath, version, line };
}

/** modfile treats `// indirect` and `// indirect; other words` as the marker. */
function isIndirect(comment: string): boolean {
  return comment === 'indirect' || comment.startsWith('indirect;');
}

function replacement(path: string, args: string[], line: number): GoReplace {
  const arrow = args.indexOf('=>');
  const [oldPath, oldVersion] = args.slice(0, arrow);
  const [newPath, newVersion] = args.slice(arrow + 1);
  if (arrow < 1 || arrow > 2 || oldPath === undefined || newPath === undefined || args.length - arrow > 3) {
    throw fail(path, line, 'replace must read `old [version] => new [version]`');
  }
  const isDirectory = isDirectoryPath(newPath);
  if (newVersion === undefined && !isDirectory) {
    throw fail(path, line, `replacement ${newPath} has no version and is not a directory (./ ../ or /)`);
  }
  if (newVersion !== undefined && isDirectory) {
    throw fail(path, line, `directory replacement ${newPath} must not have a version`);
  }
  const result: GoReplace = { oldPath, newPath, line };
  if (oldVersion !== undefined) result.oldVersion = oldVersion;
  if (newVersion !== undefined) result.newVersion = newVersion;
  return result;
}

/** modfile.IsDirectoryPath: rooted, ./ or ../ (either slash), or a Windows drive path. */
function isDirectoryPath(p: string): boolean {
  return /^(\.{1,2}([/\\]|$)|[/\\]|[A-Za-z]:[/\\])/.test(p);
}
