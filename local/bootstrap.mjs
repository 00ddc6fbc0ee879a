// The entry of `npm start`, `npm test` and `npm run bench` on a fresh clone. Plain JavaScript with no
// dependencies on purpose: it runs before anything is installed, installs, checks Java, then hands over.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [command = 'start', ...rest] = process.argv.slice(2);

function fail(line) {
  console.error(`incident-comms: ${line}`);
  process.exit(1);
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) fail(`Node.js ${process.versions.node} is too old; install Node.js 20.19 or newer.`);

ensureDependencies();
if (['start', 'bench'].includes(command) || (command === 'test' && !onlyProjectsWithoutJava(rest))) ensureJava();

const entry = {
  start: ['--import', 'tsx', join(root, 'local/main.ts')],
  test: [join(root, 'node_modules/vitest/vitest.mjs'), 'run'],
  bench: ['--import', 'tsx', join(root, 'bench/run.ts')],
}[command];
if (!entry) fail(`unknown command "${command}"; use start, test or bench.`);

// The lockfile pins an SDK that warns its future releases need Node 22; on every start that is noise.
const quiet = '--disable-warning=NodeVersionSupportWarning';
const env = { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, quiet].filter(Boolean).join(' ') };
const child = spawn(process.execPath, [...entry, ...rest], { cwd: root, stdio: 'inherit', env });
// Ctrl-C reaches the child through the terminal's process group; we only wait for it to finish.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

function ensureDependencies() {
  const installed = join(root, 'node_modules/.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(installed) && (!existsSync(lock) || statSync(installed).mtimeMs >= statSync(lock).mtimeMs)) return;
  console.log('incident-comms: installing dependencies (first run)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, [existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.error) fail(`could not run npm (${result.error.message}); install Node.js with npm.`);
  if (result.status !== 0) fail('npm could not install the dependencies; see its output above (the npm registry must be reachable).');
}

/**
 * True when `npm test -- …` selects only vitest projects that run no DynamoDB Local: `--project unit`,
 * `--project=infra`, … (keep in step with vitest.config.ts). Anything else, including no `--project`,
 * a pattern or a negation, may need Java.
 */
function onlyProjectsWithoutJava(args) {
  const projectsWithoutJava = ['unit', 'infra', 'aws'];
  const selected = [];
  for (let index = 0; index < args.length; index += 1) {
    if (args[index] === '--') break;
    if (args[index] === '--project') selected.push(args[(index += 1)]);
    else if (args[index].startsWith('--project=')) selected.push(args[index].slice('--project='.length));
  }
  return selected.length > 0 && selected.every((name) => projectsWithoutJava.includes(name));
}

function ensureJava() {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const howTo = "install a Java 17+ runtime (Debian/Ubuntu: 'sudo apt-get install default-jre-headless'; macOS: 'brew install openjdk@17').";
  if (result.error) fail(`Java was not found; DynamoDB Local runs on Java: ${howTo}`);
  const version = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  const javaMajor = version ? (Number(version[1]) === 1 ? Number(version[2]) : Number(version[1])) : 0;
  if (javaMajor < 17) fail(`Java ${javaMajor || '(unknown version)'} is too old for DynamoDB Local: ${howTo}`);
}
