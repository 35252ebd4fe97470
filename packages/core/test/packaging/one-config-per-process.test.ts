/**
 * The ES module and CommonJS builds loaded in one process (an ESM app importing a CommonJS
 * library that requires us), and a second copy of the CommonJS build (a duplicate install),
 * share one configuration: a privacy setting made through one copy holds in every other.
 * Runs the built files in a real Node process, since jest loads only the sources.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const PKG = join(__dirname, '..', '..');
const CJS = join(PKG, 'dist', 'index.js');
const ESM = join(PKG, 'dist', 'index.mjs');

const SCRIPT = `
import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(pathToFileURL(CJS).href)});
const { trace } = require('@opentelemetry/api');
const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const exporter = new InMemorySpanExporter();
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));

const esm = await import(${JSON.stringify(pathToFileURL(ESM).href)});
const cjs = require(${JSON.stringify(CJS)});
// Forget every file of the build (entry points and the chunk they share): a second install.
for (const key of Object.keys(require.cache)) if (key.startsWith(${JSON.stringify(join(PKG, 'dist'))})) delete require.cache[key];
const secondCopy = require(${JSON.stringify(CJS)});

const login = (user, password) => user.length + password.length;
const results = {};
for (const [name, mod] of [['cjs', cjs], ['secondCopy', secondCopy], ['esm', esm]]) {
  esm.configure({ captureContent: false });
  mod.withTool({ name: 'login' }, login)('ada', 'password-123');
  const span = exporter.getFinishedSpans().at(-1);
  results[name] = { leaked: JSON.stringify(span.attributes).includes('password-123'), captureContent: mod.getConfig().captureContent };
  cjs.configure({ captureContent: true });
  results[name].afterCjsSetting = [esm, secondCopy].map((m) => m.getConfig().captureContent);
}
results.distinctCopies = cjs !== secondCopy && cjs.configure !== secondCopy.configure;
console.log(JSON.stringify(results));
`;

describe('one configuration per process', () => {
  it('a setting made through the ESM build holds in the CommonJS build and in a second copy, and back', () => {
    for (const file of [CJS, ESM]) {
      if (!existsSync(file)) throw new Error(`${file} is missing; build first: npm run build -w @llm-trace/core`);
    }
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT], { cwd: PKG, encoding: 'utf8' });
    const results = JSON.parse(out.trim().split('\n').at(-1)!);
    expect(results).toEqual({
      cjs: { leaked: false, captureContent: false, afterCjsSetting: [true, true] },
      secondCopy: { leaked: false, captureContent: false, afterCjsSetting: [true, true] },
      esm: { leaked: false, captureContent: false, afterCjsSetting: [true, true] },
      distinctCopies: true,
    });
  });
});
