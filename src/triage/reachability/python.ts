import { normalizePypiName } from '../../model/index.ts';
import { isNonProduction } from './files.ts';
import { pythonImports } from './python-imports.ts';
import type { ImportStep, PythonImport, PythonReachability, ReadFile } from './types.ts';

/**
 * Package-level reachability of a Python project: every `import` of its `.py` files, production
 * and test code told apart by path (tests/, test_*.py, conftest.py, setup.py…). Python has no
 * declared entry points that cover servers, plugins and framework settings, so every production
 * file counts as reachable.
 */
export function analyzePythonReachability(
  readFile: ReadFile,
  files: readonly string[],
  options: { root?: string } = {},
): PythonReachability {
  const production = new Map<string, PythonImport>();
  const tests = new Map<string, PythonImport>();
  const dynamic: ImportStep[] = [];
  const problems: string[] = [];
  let count = 0;
  for (const path of files) {
    if (!path.endsWith('.py')) continue;
    const source = readFile(path);
    if (source === undefined) {
      problems.push(`${path}: cannot be read`);
      continue;
    }
    count++;
    const test = isNonProduction(path);
    const found = pythonImports(source);
    const target = test ? tests : production;
    for (const { module, line } of found.imports)
      if (!target.has(module)) target.set(module, { module, path, line, test });
    if (!test) for (const line of found.dynamic) dynamic.push({ path, line });
  }
  const imports = [...production.values(), ...[...tests.values()].filter((t) => !production.has(t.module))];
  imports.sort((a, b) => (a.module < b.module ? -1 : a.module > b.module ? 1 : 0));
  return { ecosystem: 'PyPI', root: options.root ?? '', files: count, imports, dynamic, problems };
}

/**
 * Distributions whose import name is not their normalized name. Keys are PEP 503 normalized;
 * values are module prefixes (a namespace package is a dotted prefix).
 */
const IMPORT_NAMES: Record<string, string[]> = {
  pyyaml: ['yaml'],
  beautifulsoup4: ['bs4'],
  pillow: ['PIL'],
  'scikit-learn': ['sklearn'],
  'scikit-image': ['skimage'],
  'python-dateutil': ['dateutil'],
  'opencv-python': ['cv2'],
  'opencv-python-headless': ['cv2'],
  'opencv-contrib-python': ['cv2'],
  'psycopg2-binary': ['psycopg2'],
  'psycopg-binary': ['psycopg'],
  pyjwt: ['jwt'],
  'python-jose': ['jose'],
  pycryptodome: ['Crypto'],
  pycryptodomex: ['Cryptodome'],
  pyopenssl: ['OpenSSL'],
  'python-multipart': ['multipart', 'python_multipart'],
  djangorestframework: ['rest_framework'],
  'django-cors-headers': ['corsheaders'],
  'django-filter': ['django_filters'],
  'django-environ': ['environ'],
  'django-storages': ['storages'],
  'django-debug-toolbar': ['debug_toolbar'],
  'djangorestframework-simplejwt': ['rest_framework_simplejwt'],
  protobuf: ['google.protobuf'],
  grpcio: ['grpc'],
  'grpcio-tools': ['grpc_tools'],
  pymongo: ['pymongo', 'bson', 'gridfs'],
  attrs: ['attr', 'attrs'],
  pyzmq: ['zmq'],
  pyserial: ['serial'],
  'python-magic': ['magic'],
  'python-ldap': ['ldap'],
  mysqlclient: ['MySQLdb'],
  'mysql-connector-python': ['mysql.connector'],
  'msgpack-python': ['msgpack'],
  setuptools: ['setuptools', 'pkg_resources'],
  'python-dotenv': ['dotenv'],
  'faiss-cpu': ['faiss'],
  'faiss-gpu': ['faiss'],
  'tensorflow-gpu': ['tensorflow'],
  'discord-py': ['discord'],
  'websocket-client': ['websocket'],
  'paho-mqtt': ['paho.mqtt'],
  'python-socketio': ['socketio'],
  'python-engineio': ['engineio'],
  'python-telegram-bot': ['telegram'],
  'google-api-python-client': ['googleapiclient'],
  'argon2-cffi': ['argon2'],
  dnspython: ['dns'],
  'kafka-python': ['kafka'],
  'ruamel-yaml': ['ruamel.yaml'],
  'typing-extensions': ['typing_extensions'],
  pywin32: ['win32api', 'win32con', 'win32com', 'pywintypes'],
  'pyasn1-modules': ['pyasn1_modules'],
  'python-slugify': ['slugify'],
  'python-json-logger': ['pythonjsonlogger'],
  'email-validator': ['email_validator'],
  'markdown-it-py': ['markdown_it'],
  'pytest-django': ['pytest_django'],
  'azure-storage-blob': ['azure.storage.blob'],
  'azure-identity': ['azure.identity'],
};

/** The module prefixes a distribution installs, by the table or its normalized name. */
export function moduleNames(distribution: string): string[] {
  const normal = normalizePypiName(distribution);
  const known = IMPORT_NAMES[normal];
  if (known) return known;
  const names = [normal.replaceAll('-', '_')];
  // google-cloud-storage installs google.cloud.storage; python-xyz often installs xyz.
  if (/^(?:google|azure)-/.test(normal)) names.push(normal.replaceAll('-', '.'));
  if (normal.startsWith('python-')) names.push(normal.slice('python-'.length).replaceAll('-', '_'));
  if (normal.startsWith('py-')) names.push(normal.slice('py-'.length).replaceAll('-', '_'));
  return names;
}

/** The first import in `analysis` of a module the distribution installs, production sites first. */
export function importOf(analysis: PythonReachability, distribution: string): PythonImport | undefined {
  const prefixes = moduleNames(distribution).map((n) => n.toLowerCase());
  const matches = (module: string): boolean => {
    const lower = module.toLowerCase();
    return prefixes.some((p) => lower === p || lower.startsWith(`${p}.`));
  };
  return (
    analysis.imports.find((i) => !i.test && matches(i.module)) ??
    analysis.imports.find((i) => matches(i.module))
  );
}
