import type { AllowlistDefinition } from '../types.ts';

/**
 * What no rule reports, whatever it is: files that hold hashes and encoded blobs but no
 * credentials (lockfiles, images, fonts, dependency folders), values that are references to a
 * secret rather than the secret (environment variables, template expressions, placeholders),
 * and words that only documentation and fixtures put in a key.
 */
export const DEFAULT_ALLOWLIST: AllowlistDefinition = {
  description: 'built-in: lockfiles, media, dependency folders, placeholders and references',
  paths: [
    '**/package-lock.json',
    '**/npm-shrinkwrap.json',
    '**/yarn.lock',
    '**/pnpm-lock.yaml',
    '**/bun.lock',
    '**/deno.lock',
    '**/go.sum',
    '**/go.work.sum',
    '**/Cargo.lock',
    '**/poetry.lock',
    '**/Pipfile.lock',
    '**/uv.lock',
    '**/composer.lock',
    '**/Gemfile.lock',
    '**/gradle.lockfile',
    '**/packages.lock.json',
    '**/*.{png,jpg,jpeg,gif,bmp,ico,webp,tif,tiff,svg,psd}',
    '**/*.{woff,woff2,ttf,otf,eot}',
    '**/*.{pdf,zip,gz,tgz,jar,war,class,so,dll,exe,dylib,wasm}',
    '**/node_modules/**',
    '**/bower_components/**',
    '**/.git/**',
  ],
  regexes: [
    // A reference to where the secret lives: $VAR, ${VAR}, ${{ secrets.X }}, {{ .Values.x }}, %VAR%, <placeholder>
    '^\\$\\{?[A-Za-z_][A-Za-z0-9_.]{0,100}\\}?$',
    '^\\$\\{\\{[^}]{0,200}\\}\\}$',
    '^\\{\\{[^}]{0,200}\\}\\}$',
    '^%[A-Za-z_][A-Za-z0-9_]{0,100}%$',
    '^<[^<>]{1,100}>$',
    '^\\[[^\\[\\]]{1,100}\\]$',
    // Masked or elided values, and placeholders inside a value: ya29.<token>, Bearer {token}
    '(?:x{4}|X{4}|\\*{4}|\\.{3}|#{4}|…)',
    '<[A-Za-z][\\w .-]{0,60}>',
    '\\{[A-Za-z_][\\w.]{0,60}\\}',
  ],
  stopwords: [
    'example',
    'placeholder',
    'changeme',
    'change_me',
    'change-me',
    'your_',
    'your-',
    'yourapikey',
    'yourtoken',
    'redacted',
    'dummy',
    'notasecret',
    'not_a_secret',
    'not-a-secret',
    'replace_me',
    'replaceme',
    'replace-me',
    'insert_',
    'insert-',
    'fake',
    'sample',
    'abcdefghijklmnop',
    'abcdef0123456789',
    '0123456789abcdef',
    '1234567890',
    '0000000000',
    '1111111111',
    // The jwt.io example signature, in countless tutorials
    'sflkxwrjsmekkf2qt4fwpmejf36pok6yjv_adqssw5c',
  ],
};
