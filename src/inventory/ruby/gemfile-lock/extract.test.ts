import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ExtractResult } from '../../extractor.ts';
import { assertRejects, extractFixture, inputFor, nameVersions } from '../../testing.ts';
import { devOnlyGems } from './gemfile.ts';
import { extractor } from './index.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

function gem(result: ExtractResult, purl: string) {
  const found = result.components.find((c) => c.purl === purl);
  assert.ok(found, `no component ${purl}`);
  return found;
}

const namesWhere = (result: ExtractResult, keep: (c: ExtractResult['components'][number]) => boolean) =>
  [...new Set(result.components.filter(keep).map((c) => c.name))].sort();

/** Oracle independent of the parser: `name@version` of every four-space spec line. */
function specLines(text: string): string[] {
  return [...text.matchAll(/^ {4}(\S+) \(([^-)]+)(?:-[^)]+)?\)$/gm)].map((m) => `${m[1]}@${m[2]}`).sort();
}

describe('ruby/gemfile-lock', () => {
  it('matches Gemfile.lock and gems.locked', () => {
    assert.equal(extractor.matches('Gemfile.lock'), true);
    assert.equal(extractor.matches('apps/web/gems.locked'), true);
    assert.equal(extractor.matches('Gemfile'), false);
    assert.equal(extractor.matches('gemfile.lock'), false);
  });

  describe('Rails 6.0 application', () => {
    const fixture = 'rails-app/Gemfile.lock';
    const result = extractFixture(extractor, testdata, fixture);

    it('yields every spec of every source, platform variants included', () => {
      const expected = specLines(readFileSync(join(testdata, fixture), 'utf8'));
      assert.equal(expected.length, 91);
      assert.deepEqual(nameVersions(result), expected);
      for (const want of ['rails@6.0.0', 'nokogiri@1.10.0', 'puma@3.12.1', 'actionpack@6.0.0']) {
        assert.ok(expected.includes(want), want);
      }
      assert.equal(result.root, undefined);
    });

    it('splits the platform into the purl qualifier', () => {
      const native = gem(result, 'pkg:gem/nokogiri@1.10.0?platform=x64-mingw32');
      assert.equal(native.version, '1.10.0');
      assert.equal(native.location.line, 135);
      assert.equal(gem(result, 'pkg:gem/nokogiri@1.10.0').location.line, 133);
      assert.deepEqual(native.dependencies, ['pkg:gem/mini_portile2@2.4.0']);
    });

    it('marks DEPENDENCIES direct, git and path gems included', () => {
      assert.deepEqual(
        namesWhere(result, (c) => c.direct),
        [
          'billing',
          'bootsnap',
          'byebug',
          'capybara',
          'devise',
          'jbuilder',
          'listen',
          'pg',
          'puma',
          'rails',
          'sass-rails',
          'selenium-webdriver',
          'spring',
          'spring-watcher-listen',
          'turbolinks',
          'tzinfo-data',
          'web-console',
          'webdrivers',
          'webpacker',
        ],
      );
    });

    it('takes dev scope from the Gemfile groups and what only they pull in', () => {
      assert.deepEqual(
        namesWhere(result, (c) => c.scope === 'dev'),
        [
          'addressable',
          'bindex',
          'byebug',
          'capybara',
          'childprocess',
          'listen',
          'public_suffix',
          'rb-fsevent',
          'rb-inotify',
          'regexp_parser',
          'ruby_dep',
          'rubyzip',
          'selenium-webdriver',
          'spring',
          'spring-watcher-listen',
          'web-console',
          'webdrivers',
          'xpath',
        ],
      );
      // Also needed by sassc (prod) and rails (prod), whatever dev gems use them.
      assert.equal(gem(result, 'pkg:gem/ffi@1.11.1').scope, 'prod');
      assert.equal(gem(result, 'pkg:gem/rake@12.3.3').scope, 'prod');
      assert.equal(gem(result, 'pkg:gem/nokogiri@1.10.0').scope, 'prod');
    });

    it('records git and path sources', () => {
      const devise = gem(
        result,
        'pkg:gem/devise@4.7.1?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fheartcombo%2Fdevise.git%40c82e4cf47b02002b2fd7ca31d441cf1043fc634c',
      );
      assert.deepEqual(devise.source, {
        type: 'git',
        url: 'https://github.com/heartcombo/devise.git',
        ref: 'c82e4cf47b02002b2fd7ca31d441cf1043fc634c',
      });
      assert.equal(devise.location.line, 6);
      const billing = gem(result, 'pkg:gem/billing@0.1.0');
      assert.deepEqual(billing.source, { type: 'path', path: 'engines/billing', link: true });
      assert.deepEqual(billing.dependencies, ['pkg:gem/rails@6.0.0', 'pkg:gem/stripe@5.2.0']);
      assert.deepEqual(gem(result, 'pkg:gem/rails@6.0.0').source, { type: 'registry' });
    });

    it('links dependencies to every platform variant and skips gems not in the lock', () => {
      const rails = gem(result, 'pkg:gem/rails@6.0.0');
      assert.equal(rails.location.line, 147);
      assert.equal(rails.dependencies.length, 13, 'bundler is not a locked spec');
      assert.deepEqual(gem(result, 'pkg:gem/loofah@2.3.0').dependencies, [
        'pkg:gem/crass@1.0.4',
        'pkg:gem/nokogiri@1.10.0',
        'pkg:gem/nokogiri@1.10.0?platform=x64-mingw32',
      ]);
    });
  });

  describe('a gem developed with its gemspec', () => {
    const result = extractFixture(extractor, testdata, 'gem/Gemfile.lock');

    it('makes the PATH "." gem the root and its runtime dependencies direct', () => {
      assert.deepEqual(result.root, { name: 'html_scrubber', version: '0.4.0' });
      assert.deepEqual(nameVersions(result), [
        'acme-style@1.2.0',
        'ast@2.4.2',
        'crass@1.0.6',
        'diff-lcs@1.5.0',
        'json@2.6.3',
        'loofah@2.19.1',
        'mini_portile2@2.8.1',
        'nokogiri@1.13.10',
        'nokogiri@1.13.10',
        'nokogiri@1.13.10',
        'parallel@1.22.1',
        'parser@3.2.0.0',
        'racc@1.6.2',
        'rainbow@3.1.1',
        'rake@13.0.6',
        'regexp_parser@2.6.2',
        'rexml@3.2.5',
        'rspec-core@3.12.0',
        'rspec-expectations@3.12.2',
        'rspec-mocks@3.12.3',
        'rspec-support@3.12.0',
        'rspec@3.12.0',
        'rubocop-ast@1.24.1',
        'rubocop@1.43.0',
        'ruby-progressbar@1.11.0',
        'unicode-display_width@2.4.2',
      ]);
      assert.deepEqual(
        namesWhere(result, (c) => c.direct),
        ['acme-style', 'loofah', 'nokogiri', 'rake', 'rspec'],
      );
    });

    it('scopes test and development gems as dev', () => {
      assert.deepEqual(
        namesWhere(result, (c) => c.scope === 'prod'),
        ['crass', 'loofah', 'mini_portile2', 'nokogiri', 'racc', 'rake'],
      );
    });

    it('qualifies gems from a private server and each native platform', () => {
      const purls = result.components.map((c) => c.purl);
      assert.ok(purls.includes('pkg:gem/acme-style@1.2.0?repository_url=https%3A%2F%2Fgems.acme.example%2F'));
      assert.ok(purls.includes('pkg:gem/rubocop@1.43.0'));
      const nokogiri = result.components.filter((c) => c.name === 'nokogiri');
      assert.deepEqual(
        nokogiri.map((c) => [c.purl, c.location.line]),
        [
          ['pkg:gem/nokogiri@1.13.10', 25],
          ['pkg:gem/nokogiri@1.13.10?platform=arm64-darwin', 28],
          ['pkg:gem/nokogiri@1.13.10?platform=x86_64-linux', 30],
        ],
      );
    });
  });

  it('reads a lockfile without a Gemfile: everything prod, CRLF line ends', () => {
    const text = [
      'GEM',
      '  remote: https://rubygems.org/',
      '  specs:',
      '    rack (2.2.3)',
      '    sinatra (2.0.8.1)',
      '      rack (~> 2.0)',
      '',
      'PLATFORMS',
      '  ruby',
      '',
      'DEPENDENCIES',
      '  sinatra',
      '',
    ].join('\r\n');
    const result = extractor.extract(inputFor('Gemfile.lock', text));
    assert.deepEqual(nameVersions(result), ['rack@2.2.3', 'sinatra@2.0.8.1']);
    assert.deepEqual(
      result.components.map((c) => [c.name, c.scope, c.direct, c.location.line]),
      [
        ['rack', 'prod', false, 4],
        ['sinatra', 'prod', true, 5],
      ],
    );
    assert.deepEqual(result.components[1]?.dependencies, ['pkg:gem/rack@2.2.3']);
  });

  it('reads gems.locked with the groups of its gems.rb', () => {
    const lock =
      'GEM\n  remote: https://rubygems.org/\n  specs:\n    pry (0.14.2)\n    rack (3.0.8)\n\nDEPENDENCIES\n  pry\n  rack\n';
    const siblings: Record<string, string> = {
      'api/gems.rb': "gem 'rack'\ngem 'pry', group: :development\n",
    };
    const result = extractor.extract(inputFor('api/gems.locked', lock, (p) => siblings[p]));
    assert.deepEqual(
      result.components.map((c) => [c.name, c.scope]),
      [
        ['pry', 'dev'],
        ['rack', 'prod'],
      ],
    );
  });

  it('reads Gemfile groups: blocks, nesting, inline options, comments', () => {
    const gemfile = [
      "gem 'rails'",
      "gem 'pry', group: :development # 'not prod'",
      "gem 'rspec-rails', groups: [:development, :test]",
      "gem 'rubocop', :group => 'development', require: false",
      'group :development, :test do',
      '  platforms :mri do',
      "    gem 'byebug'",
      '  end',
      "  if ENV['CI']",
      "    gem 'simplecov'",
      '  end',
      "  gem 'factory_bot'",
      'end',
      'group :production, :development do',
      "  gem 'lograge'",
      'end',
      "gem 'factory_bot', group: :staging",
      "gem 'dotenv'",
    ].join('\n');
    assert.deepEqual([...devOnlyGems(gemfile)].sort(), [
      'byebug',
      'pry',
      'rspec-rails',
      'rubocop',
      'simplecov',
    ]);
  });

  const malformed: { name: string; text: string; message: string }[] = [
    {
      name: 'empty file',
      text: '',
      message:
        'Gemfile.lock:1: no DEPENDENCIES section, so the file is truncated or not a Gemfile.lock; fix it or regenerate it with `bundle lock`',
    },
    {
      name: 'file cut before DEPENDENCIES',
      text: 'GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (2.2.3)\n',
      message:
        'Gemfile.lock:5: no DEPENDENCIES section, so the file is truncated or not a Gemfile.lock; fix it or regenerate it with `bundle lock`',
    },
    {
      name: 'spec without version',
      text: 'GEM\n  remote: https://rubygems.org/\n  specs:\n    rack\n\nDEPENDENCIES\n  rack\n',
      message: 'Gemfile.lock:4: spec "rack" has no (version); fix it or regenerate it with `bundle lock`',
    },
    {
      name: 'dependency line before any spec',
      text: 'GEM\n  specs:\n      rack (>= 2)\n\nDEPENDENCIES\n  rack\n',
      message: 'Gemfile.lock:3: dependency line before any spec; fix it or regenerate it with `bundle lock`',
    },
    {
      name: 'GIT section without remote',
      text: 'GIT\n  revision: abc\n  specs:\n    x (1.0.0)\n\nDEPENDENCIES\n  x!\n',
      message: 'Gemfile.lock:1: GIT section has no remote:; fix it or regenerate it with `bundle lock`',
    },
  ];
  for (const m of malformed) {
    it(`rejects ${m.name}`, () => {
      assert.equal(assertRejects(extractor, 'Gemfile.lock', m.text).message, m.message);
    });
  }
});
