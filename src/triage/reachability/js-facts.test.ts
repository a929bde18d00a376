import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { moduleFacts } from './js-facts.ts';

interface Case {
  name: string;
  path?: string;
  source: string;
  requests?: string[];
  uses?: string[];
  opaque?: string[];
  nonLiteral?: string[];
}

const requests = (path: string, source: string): string[] =>
  moduleFacts(path, source).requests.map((r) => `${r.kind} ${r.specifier}:${r.line}`);
const uses = (path: string, source: string): string[] =>
  moduleFacts(path, source)
    .uses.map((u) => `${u.specifier}.${u.name}:${u.line}`)
    .sort();

const NON_LITERAL = [
  'await import(process.env.DRIVER);',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the source under test holds a template literal
  'require(`./locales/${lang}.json`);',
  "require('./plugins/' + name);",
  'require(pathToModule);',
  '',
].join('\n');

const CASES: Case[] = [
  {
    name: 'ESM default, named, namespace and side-effect imports',
    path: 'a.mjs',
    source:
      "import _, { template as t } from 'lodash';\nimport * as jwt from 'jsonwebtoken';\nimport 'dotenv/config';\n_.merge({}, {});\njwt.verify(token, key);\n",
    requests: ['import lodash:1', 'import jsonwebtoken:2', 'import dotenv/config:3'],
    uses: ['jsonwebtoken.verify:5', 'lodash.merge:4', 'lodash.template:1'],
  },
  {
    name: 'require bindings, destructuring, direct member and call',
    path: 'a.js',
    source:
      "const _ = require('lodash');\nconst { verify, decode: d } = require('jsonwebtoken');\nconst merge = require('lodash').merge;\nrequire('debug')('app');\n_.template('x');\n",
    requests: ['require lodash:1', 'require jsonwebtoken:2', 'require lodash:3', 'require debug:4'],
    uses: [
      'debug.default:4',
      'jsonwebtoken.decode:2',
      'jsonwebtoken.verify:2',
      'lodash.merge:3',
      'lodash.template:5',
    ],
  },
  {
    name: 'a use before the binding (hoisted function) still counts',
    source: "function f() { return _.zipObjectDeep(a, b); }\nconst _ = require('lodash');\n",
    uses: ['lodash.zipObjectDeep:1'],
  },
  {
    name: 'calling the module itself is its default export',
    source:
      "import moment from 'moment';\nconst now = moment();\nconst express = require('express');\nconst app = express();\nnew Date();\n",
    uses: ['express.default:4', 'moment.default:2'],
  },
  {
    name: 'a module passed around as a value is opaque',
    source: "const helmet = require('helmet');\napp.use(helmet);\nmodule.exports = require('./impl');\n",
    opaque: ['helmet:2', './impl:3'],
  },
  {
    name: 'computed member with a literal is a name, without one opaque',
    source: "const _ = require('lodash');\n_['template']('x');\n_[name]('y');\n",
    uses: ['lodash.template:2'],
    opaque: ['lodash:3'],
  },
  {
    name: 'type-only imports and exports are erased',
    path: 'a.ts',
    source:
      "import type { Schema } from 'zod';\nimport { type Infer } from 'valibot';\nexport type { Options } from 'fastify';\nimport x = require('legacy');\nx.run();\n",
    requests: ['require legacy:4'],
    uses: ['legacy.run:5'],
  },
  {
    name: 're-exports name what they pass on; export * is opaque',
    source: "export { template, merge as deepMerge } from 'lodash';\nexport * from 'date-fns';\n",
    requests: ['import lodash:1', 'import date-fns:2'],
    uses: ['lodash.merge:1', 'lodash.template:1'],
    opaque: ['date-fns:2'],
  },
  {
    name: 'literal dynamic imports; awaited ones have members, promises are opaque',
    source:
      "const { parse } = await import('yaml');\nconst m = await import('chalk');\nm.red('x');\nimport('ora').then((o) => o.default());\nawait import('./side.js');\n",
    requests: ['import yaml:1', 'import chalk:2', 'import ora:4', 'import ./side.js:5'],
    uses: ['chalk.red:3', 'yaml.parse:1'],
    opaque: ['ora:4'],
  },
  {
    name: 'non-literal import and require, with their literal prefix',
    source: NON_LITERAL,
    requests: [],
    nonLiteral: ['import:1', 'require:2 ./locales/', 'require:3 ./plugins/', 'require:4'],
  },
  {
    name: 'require handed to other code is a non-literal require; typeof require is not',
    source:
      "const importLazy = require('import-lazy')(require);\nconst boxen = importLazy('boxen');\nif (typeof require === 'function') {}\n",
    requests: ['require import-lazy:1'],
    nonLiteral: ['require:1'],
  },
  {
    name: 'interop helpers of Babel, TypeScript and esbuild are transparent',
    source:
      "const lodash_1 = __importDefault(require('lodash'));\nlodash_1.default.template('x');\nvar _jwt = _interopRequireDefault(require('jsonwebtoken'));\n_jwt.default.sign({});\n",
    requests: ['require lodash:1', 'require jsonwebtoken:3'],
    uses: ['jsonwebtoken.sign:4', 'lodash.template:2'],
  },
  {
    name: 'new URL(relative, import.meta.url) loads a file',
    source:
      "const worker = new Worker(new URL('./worker.js', import.meta.url));\nnew URL('https://example.com');\n",
    requests: ['import ./worker.js:1'],
  },
  {
    name: 'JSX in a .js file parses as JSX',
    path: 'App.js',
    source:
      "import React from 'react';\nimport { Button } from '@mui/material';\nexport const App = () => <Button onClick={() => React.startTransition(() => {})}>Go</Button>;\n",
    requests: ['import react:1', 'import @mui/material:2'],
    uses: ['@mui/material.Button:2', 'react.startTransition:3'],
  },
  {
    name: 'an extension-less bin script with a shebang is JavaScript',
    path: 'bin/cli',
    source: "#!/usr/bin/env node\nrequire('../lib/cli').main(process.argv);\n",
    requests: ['require ../lib/cli:2'],
  },
  {
    name: 'lines count UTF-16 like the parser reports',
    source: "const note = 'naïve — ünïcödé 😀';\nconst x = require('left-pad');\n",
    requests: ['require left-pad:2'],
  },
];

describe('moduleFacts', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const path = c.path ?? 'file.js';
      const facts = moduleFacts(path, c.source);
      assert.deepEqual(facts.errors, []);
      if (c.requests) assert.deepEqual(requests(path, c.source), c.requests);
      if (c.uses) assert.deepEqual(uses(path, c.source), c.uses);
      if (c.opaque)
        assert.deepEqual(facts.opaque.map((o) => `${o.specifier}:${o.line}`).sort(), [...c.opaque].sort());
      if (c.nonLiteral) {
        assert.deepEqual(
          facts.nonLiteral.map((n) => `${n.kind}:${n.line}${n.prefix ? ` ${n.prefix}` : ''}`),
          c.nonLiteral,
        );
      }
    });
  }

  it('collects package-shaped strings only when asked, first site each', () => {
    const source = "app.set('view engine', 'pug');\nconst driver = 'pg';\nlog('pug');\n";
    assert.deepEqual(moduleFacts('a.js', source).strings, []);
    assert.deepEqual(moduleFacts('a.js', source, { strings: true }).strings, [
      { value: 'pug', line: 1 },
      { value: 'pg', line: 2 },
    ]);
  });

  it('reports syntax errors without throwing and keeps what it could read', () => {
    const facts = moduleFacts('broken.js', "const a = require('kept');\nfunction (\n");
    assert.ok(facts.errors.length > 0);
    assert.deepEqual(
      facts.requests.map((r) => r.specifier),
      facts.requests.length > 0 ? ['kept'] : [],
    );
  });

  it('survives hostile input: deep nesting, operator chains, a 5 MB line, binary garbage', () => {
    // Past a few thousand levels the native parser would overflow its stack and kill the process.
    for (const hostile of [
      `${'['.repeat(20000)}${']'.repeat(20000)};`,
      `${'function f(){'.repeat(5000)}${'}'.repeat(5000)}`,
      `${'x?1:'.repeat(20000)}0;`,
      `${'a=>'.repeat(20000)}1;`,
      `${'x='.repeat(20000)}1;`,
    ]) {
      assert.deepEqual(moduleFacts('deep.js', `${hostile}\nrequire('after');\n`).errors, [
        'nested too deeply to analyse',
      ]);
    }
    const long = `const s = '${'x'.repeat(5 * 1024 * 1024)}';\nrequire('tail');\n`;
    assert.deepEqual(
      moduleFacts('long.js', long).requests.map((r) => `${r.specifier}:${r.line}`),
      ['tail:2'],
    );
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    assert.doesNotThrow(() => moduleFacts('garbage.js', garbage));
  });
});
