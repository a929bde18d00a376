import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileReader, listProjectFiles } from './files.ts';
import { analyzePythonReachability, importOf, moduleNames } from './python.ts';
import { pythonImports } from './python-imports.ts';
import { TESTDATA } from './testing.ts';

const imports = (source: string): string[] =>
  pythonImports(source).imports.map((i) => `${i.module}:${i.line}`);

describe('pythonImports', () => {
  const cases: Array<[string, string, string[]]> = [
    [
      'import lists, aliases and dotted names',
      'import os, sys as system\nimport xml.etree.ElementTree as ET\n',
      ['os:1', 'sys:1', 'xml.etree.ElementTree:2'],
    ],
    [
      'from-imports record the module and each name (namespace packages)',
      'from google.cloud import storage as gcs, pubsub\n',
      ['google.cloud:1', 'google.cloud.storage:1', 'google.cloud.pubsub:1'],
    ],
    [
      "relative imports are the project's own",
      'from . import views\nfrom .models import Order\nfrom ..x import y\n',
      [],
    ],
    [
      'parenthesised and continued imports',
      'from rest_framework import (\n    serializers,\n    viewsets,\n)\nimport \\\n    lxml.etree\n',
      ['rest_framework:1', 'rest_framework.serializers:1', 'rest_framework.viewsets:1', 'lxml.etree:5'],
    ],
    [
      'imports in blocks, after ; and after a one-line block colon',
      'try:\n    import ujson as json\nexcept ImportError:\n    import json\nif True: import yaml; import requests\n',
      ['ujson:2', 'json:4', 'yaml:5', 'requests:5'],
    ],
    [
      'strings, docstrings and comments are not code',
      '"""import fake\nimport also_fake"""\nx = "import notreal"  # import comment\ns = r\'\\d+ import x\'\nf = f"{import_module}"\nimport real\n',
      ['real:6'],
    ],
    [
      'importlib and __import__ with a literal name',
      "mod = importlib.import_module('celery.app')\n__import__('pkg_resources')\n",
      ['celery.app:1', 'pkg_resources:2'],
    ],
    ['star imports name only the module', 'from django.db.models import *\n', ['django.db.models:1']],
  ];
  for (const [name, source, expected] of cases) it(name, () => assert.deepEqual(imports(source), expected));

  it('a non-literal importlib name is a dynamic import', () => {
    assert.deepEqual(
      pythonImports('m = importlib.import_module(name)\nn = __import__(f"{x}")\n').dynamic,
      [1, 2],
    );
  });

  it('survives malformed input: unterminated strings, stray brackets, NUL bytes', () => {
    for (const hostile of [
      'x = """never closed\nimport a\n',
      ')))]]]import b\n',
      'import \u0000c\n',
      "'".repeat(100000),
    ]) {
      assert.doesNotThrow(() => pythonImports(hostile));
    }
    assert.deepEqual(imports('x = "unterminated\nimport after\n'), ['after:2']);
  });
});

describe('analyzePythonReachability', () => {
  const root = join(TESTDATA, 'order-api');
  const analysis = analyzePythonReachability(fileReader(root), listProjectFiles(root), { root: 'order-api' });

  it('tells production imports from test-only ones', () => {
    assert.equal(analysis.files, 6);
    const site = (module: string) => analysis.imports.find((i) => i.module === module);
    assert.deepEqual(site('yaml'), { module: 'yaml', path: 'orders/views.py', line: 3, test: false });
    assert.deepEqual(site('pytest'), {
      module: 'pytest',
      path: 'orders/tests/test_views.py',
      line: 1,
      test: true,
    });
    // manage.py imports django lazily inside the main block: production code all the same.
    assert.deepEqual(site('django.core.management'), {
      module: 'django.core.management',
      path: 'manage.py',
      line: 7,
      test: false,
    });
  });

  it('maps distributions to the modules they install', () => {
    assert.deepEqual(moduleNames('PyYAML'), ['yaml']);
    assert.deepEqual(moduleNames('beautifulsoup4'), ['bs4']);
    assert.deepEqual(moduleNames('Pillow'), ['PIL']);
    assert.deepEqual(moduleNames('scikit-learn'), ['sklearn']);
    assert.deepEqual(moduleNames('python-dateutil'), ['dateutil']);
    assert.deepEqual(moduleNames('google-cloud-storage'), ['google_cloud_storage', 'google.cloud.storage']);
    assert.deepEqual(moduleNames('Flask_SQLAlchemy'), ['flask_sqlalchemy']);
    assert.equal(importOf(analysis, 'djangorestframework')?.module, 'rest_framework.decorators');
    assert.equal(importOf(analysis, 'Django')?.path, 'manage.py');
    assert.equal(importOf(analysis, 'gunicorn'), undefined);
  });
});
