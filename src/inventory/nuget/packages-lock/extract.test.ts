import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Scope } from '../../../model/index.ts';
import { assertRejects, extractFixture, inputFor } from '../../testing.ts';
import { extractor } from './index.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

/** name@version, scope, direct, line, dependencies as name@version */
type Row = [string, Scope, boolean, number, string[]];

const cases: { fixture: string; rows: Row[] }[] = [
  {
    // ASP.NET Core 6 API, lock file version 1, with a runtime-specific section and a project reference.
    fixture: 'Shop.Api/packages.lock.json',
    rows: [
      [
        'AutoMapper.Extensions.Microsoft.DependencyInjection@11.0.0',
        'prod',
        true,
        5,
        ['AutoMapper@11.0.0', 'Microsoft.Extensions.Options@6.0.0'],
      ],
      ['AutoMapper@11.0.0', 'prod', false, 52, ['Microsoft.CSharp@4.7.0']],
      ['Microsoft.CSharp@4.7.0', 'prod', false, 60, []],
      ['Microsoft.Data.SqlClient.SNI.runtime@2.1.1', 'prod', false, 163, []],
      [
        'Microsoft.Data.SqlClient@2.1.4',
        'prod',
        false,
        65,
        ['Microsoft.Identity.Client@4.21.1', 'System.Text.Encodings.Web@4.7.2'],
      ],
      [
        'Microsoft.EntityFrameworkCore.Relational@6.0.8',
        'prod',
        false,
        74,
        ['Microsoft.Extensions.Configuration.Abstractions@6.0.0'],
      ],
      [
        'Microsoft.EntityFrameworkCore.SqlServer@6.0.8',
        'prod',
        true,
        15,
        ['Microsoft.Data.SqlClient@2.1.4', 'Microsoft.EntityFrameworkCore.Relational@6.0.8'],
      ],
      ['Microsoft.Extensions.ApiDescription.Server@6.0.5', 'prod', false, 82, []],
      [
        'Microsoft.Extensions.Configuration.Abstractions@6.0.0',
        'prod',
        false,
        87,
        ['Microsoft.Extensions.Primitives@6.0.0'],
      ],
      ['Microsoft.Extensions.DependencyInjection@6.0.0', 'prod', false, 95, []],
      ['Microsoft.Extensions.Options@6.0.0', 'prod', false, 100, ['Microsoft.Extensions.Primitives@6.0.0']],
      ['Microsoft.Extensions.Primitives@6.0.0', 'prod', false, 108, []],
      ['Microsoft.Identity.Client@4.21.1', 'prod', false, 113, []],
      ['Microsoft.OpenApi@1.2.3', 'prod', false, 118, []],
      ['Newtonsoft.Json@12.0.1', 'prod', true, 25, []],
      [
        'Serilog.AspNetCore@6.0.1',
        'prod',
        true,
        31,
        ['Microsoft.Extensions.DependencyInjection@6.0.0', 'Serilog.Sinks.Console@4.0.1', 'Serilog@2.10.0'],
      ],
      ['Serilog.Sinks.Console@4.0.1', 'prod', false, 128, ['Serilog@2.10.0']],
      ['Serilog@2.10.0', 'prod', false, 123, []],
      ['Swashbuckle.AspNetCore.Swagger@6.4.0', 'prod', false, 143, ['Microsoft.OpenApi@1.2.3']],
      [
        'Swashbuckle.AspNetCore@6.4.0',
        'prod',
        true,
        42,
        ['Microsoft.Extensions.ApiDescription.Server@6.0.5', 'Swashbuckle.AspNetCore.Swagger@6.4.0'],
      ],
      ['System.ComponentModel.Annotations@5.0.0', 'prod', false, 151, []],
      // Listed under net6.0 and net6.0/win-x64: one component, at its first line.
      ['System.Text.Encodings.Web@4.7.2', 'prod', false, 156, []],
    ],
  },
  {
    // xunit test project, lock file version 2 with a CentralTransitive pin: everything is dev.
    fixture: 'Shop.Api.Tests/packages.lock.json',
    rows: [
      ['FluentAssertions@6.7.0', 'dev', true, 11, ['System.Configuration.ConfigurationManager@4.4.0']],
      ['Microsoft.CodeCoverage@17.3.1', 'dev', false, 40, []],
      [
        'Microsoft.NET.Test.Sdk@17.3.1',
        'dev',
        true,
        20,
        ['Microsoft.CodeCoverage@17.3.1', 'Microsoft.TestPlatform.TestHost@17.3.1'],
      ],
      ['Microsoft.TestPlatform.TestHost@17.3.1', 'dev', false, 45, ['Newtonsoft.Json@13.0.1']],
      ['Newtonsoft.Json@13.0.1', 'dev', false, 53, []],
      ['System.Configuration.ConfigurationManager@4.4.0', 'dev', false, 65, []],
      ['coverlet.collector@3.1.2', 'dev', true, 5, []],
      ['xunit.assert@2.4.2', 'dev', false, 70, []],
      ['xunit.core@2.4.2', 'dev', false, 75, []],
      ['xunit@2.4.2', 'dev', true, 30, ['xunit.assert@2.4.2', 'xunit.core@2.4.2']],
    ],
  },
];

describe('nuget/packages-lock fixtures', () => {
  for (const { fixture, rows } of cases) {
    it(fixture, () => {
      assert.ok(extractor.matches(fixture));
      const result = extractFixture(extractor, testdata, fixture);
      assert.deepEqual(
        result.components.map((c) => [
          `${c.name}@${c.version}`,
          c.scope,
          c.direct,
          c.location.line,
          c.dependencies.map((d) => decodeURIComponent(d.replace('pkg:nuget/', ''))),
        ]),
        rows,
      );
      assert.ok(result.components.every((c) => c.ecosystem === 'NuGet' && c.source.type === 'registry'));
      assert.deepEqual(result.unresolved, []);
    });
  }

  it('keeps project references out of the components', () => {
    const result = extractFixture(extractor, testdata, 'Shop.Api/packages.lock.json');
    assert.equal(
      result.components.find((c) => c.name.toLowerCase() === 'shop.domain'),
      undefined,
    );
    assert.equal(
      result.components.find((c) => c.name === 'Newtonsoft.Json')?.purl,
      'pkg:nuget/Newtonsoft.Json@12.0.1',
    );
  });

  it('reports a package without a resolved version', () => {
    const result = extractor.extract(
      inputFor(
        'packages.lock.json',
        '{\n  "version": 1,\n  "dependencies": {\n    "net8.0": {\n      "Broken": { "type": "Direct", "requested": "[1.0.0, )" }\n    }\n  }\n}',
      ),
    );
    assert.deepEqual(result.components, []);
    assert.deepEqual(result.unresolved, [
      { name: 'Broken', line: 5, reason: 'no resolved version for net8.0' },
    ]);
  });

  it('reads 10,000 packages', () => {
    const packages = Object.fromEntries(
      Array.from({ length: 10_000 }, (_, i) => [
        `Package${i}`,
        {
          type: i < 100 ? 'Direct' : 'Transitive',
          resolved: `1.0.${i}`,
          dependencies: { [`Package${i + 1}`]: '1.0.0' },
        },
      ]),
    );
    const text = JSON.stringify({ version: 1, dependencies: { 'net8.0': packages } }, null, 2);
    const result = extractor.extract(inputFor('packages.lock.json', text));
    assert.equal(result.components.length, 10_000);
    assert.equal(result.components.filter((c) => c.direct).length, 100);
    assert.equal(
      result.components.find((c) => c.name === 'Package0')?.dependencies[0],
      'pkg:nuget/Package1@1.0.1',
    );
  });
});

describe('nuget/packages-lock malformed input', () => {
  const fix = 'regenerate it with `dotnet restore --force-evaluate`';
  const rejects: [string, string][] = [
    [
      '{"version": 1, "dependencies": {"net6.0": {"A": {"type": "Direc',
      'packages.lock.json:1: invalid JSON (UnexpectedEndOfString); fix or regenerate the file',
    ],
    [
      '{\n  "version": 1\n}',
      `packages.lock.json:1: not a NuGet lock file ("dependencies": Invalid input: expected record, received undefined); ${fix}`,
    ],
    [
      '{\n  "version": 1,\n  "dependencies": {\n    "net6.0": {\n      "A": { "resolved": "1.0.0" }\n    }\n  }\n}',
      `packages.lock.json:5: not a NuGet lock file ("dependencies.net6.0.A.type": Invalid input: expected string, received undefined); ${fix}`,
    ],
    [
      '{"version": 1, "dependencies": {"net6.0": {"A": {"type": "Direct", "resolved": "1", "dependencies": {"B": 2}}}}}',
      `packages.lock.json:1: not a NuGet lock file ("dependencies.net6.0.A.dependencies.B": Invalid input: expected string, received number); ${fix}`,
    ],
    [
      '[]',
      `packages.lock.json:1: not a NuGet lock file (Invalid input: expected object, received array); ${fix}`,
    ],
    ['', 'packages.lock.json:1: invalid JSON (ValueExpected); fix or regenerate the file'],
    ['['.repeat(100_000), 'packages.lock.json:1: nested more than 256 levels deep; not a lockfile'],
  ];
  for (const [contents, message] of rejects) {
    it(`rejects ${JSON.stringify(contents.slice(0, 40))}`, () => {
      assert.equal(assertRejects(extractor, 'packages.lock.json', contents).message, message);
    });
  }
});
