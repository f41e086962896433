// The ordinary text the secret guard must not flag, by category. Real text comes from the
// project's own dependencies (node_modules, as `npm ci` installs them from the lockfile, so every
// machine reads the same files); logs, UUIDs, hashes and images are generated from a seed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  ALNUM, BASE64, chars, DIGITS, HEX, int, LOWER, pick, type Random, seeded,
} from '../test/helpers/secret-samples';

export interface Document {
  /** Where it came from: a path under node_modules, or the generator. */
  source: string;
  text: string;
}

export interface Category {
  name: string;
  what: string;
  documents: Document[];
}

const ROOT = path.resolve(import.meta.dirname, '..');
const MODULES = path.join(ROOT, 'node_modules');
const MiB = 2 ** 20;

/** Every file under node_modules, sorted, with its path relative to it. */
function moduleFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.push(path.relative(MODULES, full));
    }
  };
  walk(MODULES);
  return files;
}

/** Files matching `test`, read once each (copies of a package are counted once), up to `cap` bytes. */
function readUnique(files: string[], test: (file: string) => boolean, cap = Infinity, perFile = Infinity): Document[] {
  const seen = new Set<string>();
  const documents: Document[] = [];
  let total = 0;
  for (const file of files) {
    if (!test(file)) continue;
    const full = path.join(MODULES, file);
    if (fs.statSync(full).size > 8 * MiB) continue;
    let text = fs.readFileSync(full, 'utf8');
    if (text.includes('\u0000')) continue; // binary
    const hash = createHash('sha1').update(text).digest('hex');
    if (seen.has(hash)) continue;
    seen.add(hash);
    if (text.length > perFile) text = text.slice(0, perFile);
    documents.push({ source: file, text });
    total += Buffer.byteLength(text);
    if (total >= cap) break;
  }
  return documents;
}

/** Test folders of packages hold fixtures (keys, certificates, tokens) on purpose: not ordinary code. */
const FIXTURE = /(?:^|\/)(?:tests?|__tests__|fixtures?|spec|examples?)\//i;

function readmes(files: string[]): Document[] {
  return readUnique(files, (f) => /(?:^|\/)readme(?:\.(?:md|markdown|txt))?$/i.test(f));
}

function prose(files: string[]): Document[] {
  return readUnique(files, (f) => /(?:^|\/)(?:licen[cs]e|copying|notice|authors|changelog|changes|history)(?:[.-][\w.-]*)?$/i.test(f), 6 * MiB);
}

function code(files: string[]): Document[] {
  // Up to 256 KB of each file, so a few large bundles do not make up the whole sample.
  return readUnique(files, (f) => /\.(?:[cm]?js|[cm]?ts|tsx|jsx|json)$/.test(f) && !FIXTURE.test(f) && !/package-lock\.json$/.test(f), 24 * MiB, 256 * 1024);
}

/** The project's own lockfile: thousands of sha512 integrity strings and registry URLs. */
function lockfile(): Document[] {
  return [{ source: 'package-lock.json', text: fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8') }];
}

const uuid = (r: Random) => `${chars(r, 8, HEX)}-${chars(r, 4, HEX)}-4${chars(r, 3, HEX)}-${pick(r, ['8', '9', 'a', 'b'])}${chars(r, 3, HEX)}-${chars(r, 12, HEX)}`;
const ip = (r: Random) => `${int(r, 1, 223)}.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`;
const time = (r: Random) => new Date(Date.UTC(2026, int(r, 0, 11), int(r, 1, 28), int(r, 0, 23), int(r, 0, 59), int(r, 0, 59), int(r, 0, 999))).toISOString();
const podName = (r: Random) => `${pick(r, ['api', 'worker', 'web', 'billing', 'auth-gateway'])}-${chars(r, 10, HEX.slice(0, 10) + 'bcdf')}-${chars(r, 5, 'bcdfghjklmnpqrstvwxz2456789')}`;

/** Log lines as servers, apps, CI and Kubernetes write them: ids, hashes, paths, user agents. */
function logs(r: Random, bytes: number): Document[] {
  const agents = [
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
    'curl/8.5.0', 'kube-probe/1.29', 'Go-http-client/2.0', 'python-requests/2.31.0',
  ];
  const line = (): string => pick(r, [
    () => `${ip(r)} - - [${time(r)}] "${pick(r, ['GET', 'POST', 'PUT', 'DELETE'])} /api/v1/${pick(r, ['orders', 'users', 'invoices'])}/${uuid(r)}?page=${int(r, 1, 9)}&per_page=50 HTTP/1.1" ${pick(r, [200, 201, 204, 301, 404, 500])} ${int(r, 0, 90000)} "-" "${pick(r, agents)}" rt=0.${chars(r, 3, DIGITS)}`,
    () => JSON.stringify({ level: pick(r, ['info', 'warn', 'error', 'debug']), time: time(r), msg: pick(r, ['request completed', 'cache miss', 'retrying upstream', 'job finished', 'token refreshed for session', 'password reset email queued']), reqId: `req-${chars(r, 6, ALNUM)}`, traceId: chars(r, 32, HEX), spanId: chars(r, 16, HEX), userId: `usr_${chars(r, 12, HEX)}`, durationMs: int(r, 1, 5000) }),
    () => `${time(r)} ${podName(r)} kubelet Pulled image "registry.internal/${pick(r, ['api', 'web'])}@sha256:${chars(r, 64, HEX)}" in ${int(r, 1, 900)}ms`,
    () => `commit ${chars(r, 40, HEX)}\nAuthor: Dev ${chars(r, 5, LOWER)} <dev@corp.internal>\nDate:   ${time(r)}\n\n    Fix ${pick(r, ['flaky test', 'token refresh race', 'password form validation', 'secret rotation job'])} (#${int(r, 100, 9999)})\n`,
    () => `    at ${pick(r, ['Object.<anonymous>', 'processTicksAndRejections', 'Server.handle', 'async Promise.all'])} (/srv/app/${pick(r, ['dist', 'node_modules/express/lib'])}/${pick(r, ['router', 'index', 'auth'])}.js:${int(r, 1, 900)}:${int(r, 1, 80)})`,
    () => `${time(r).slice(0, 19).replace('T', ' ')} sshd[${int(r, 100, 65000)}]: Accepted publickey for ${pick(r, ['deploy', 'root', 'ci'])} from ${ip(r)} port ${int(r, 1024, 65535)} ssh2: ED25519 SHA256:${chars(r, 43, BASE64)}`,
    () => `[${time(r)}] ${pick(r, ['INFO', 'WARN'])} auth: user=${chars(r, 8, LOWER)} session=${uuid(r)} login ok (mfa=totp) ip=${ip(r)}`,
    () => `#${int(r, 1, 40)} [${pick(r, ['build', 'test', 'deploy'])} ${int(r, 1, 9)}/${int(r, 9, 12)}] RUN npm ci --no-audit\n#${int(r, 1, 40)} DONE ${int(r, 0, 99)}.${int(r, 0, 9)}s\n#${int(r, 1, 40)} writing image sha256:${chars(r, 64, HEX)} done`,
    () => `${time(r)} ERROR [${chars(r, 8, HEX)}] Connection to db failed: timeout after 30000ms (host=db-${int(r, 1, 9)}.internal port=5432 user=app)`,
  ])();
  return generated('logs', bytes, line);
}

function uuids(r: Random, bytes: number): Document[] {
  return generated('UUIDs', bytes, () => pick(r, [
    () => uuid(r),
    () => uuid(r).toUpperCase(),
    () => `{${uuid(r)}}`,
    () => `"id": "${uuid(r)}", "parentId": "${uuid(r)}"`,
    () => `urn:uuid:${uuid(r)}`,
  ])());
}

/** Digests as tools print them: checksums files, SRI, git, Docker, bcrypt and argon2 hashes. */
function hashes(r: Random, bytes: number): Document[] {
  const file = () => `${pick(r, ['app', 'node', 'release', 'backup'])}-${int(r, 1, 20)}.${int(r, 0, 9)}.${int(r, 0, 9)}.${pick(r, ['tar.gz', 'zip', 'deb', 'iso'])}`;
  const digest = (n: number) => createHash(n === 32 ? 'md5' : n === 40 ? 'sha1' : n === 64 ? 'sha256' : 'sha512').update(chars(r, 32, ALNUM)).digest();
  return generated('hashes', bytes, () => pick(r, [
    () => `${digest(32).toString('hex')}  ${file()}`,
    () => `${digest(40).toString('hex')}  ${file()}`,
    () => `${digest(64).toString('hex')}  ${file()}`,
    () => `SHA512 (${file()}) = ${digest(128).toString('hex')}`,
    () => `<script src="https://cdn.example.net/lib.js" integrity="sha384-${createHash('sha384').update(chars(r, 16, ALNUM)).digest('base64')}" crossorigin="anonymous"></script>`,
    () => `"integrity": "sha512-${digest(128).toString('base64')}"`,
    () => `${digest(40).toString('hex').slice(0, int(r, 7, 40))} ${pick(r, ['Merge pull request', 'Bump deps', 'Refactor auth middleware'])}`,
    () => `docker.io/library/${pick(r, ['node', 'nginx', 'postgres'])}@sha256:${digest(64).toString('hex')}`,
    () => `$2b$12$${chars(r, 53, `${ALNUM}./`)}`,
    () => `$argon2id$v=19$m=65536,t=3,p=4$${digest(32).toString('base64').replace(/=+$/, '')}$${digest(64).toString('base64').replace(/=+$/, '')}`,
    () => `ETag: "${digest(32).toString('hex')}"`,
  ])());
}

/** Images as data URIs and MIME blocks: the real images in node_modules and the icons, then random bytes. */
function images(files: string[], r: Random, bytes: number): Document[] {
  const real = files.filter((f) => /\.(?:png|jpe?g|gif|ico|webp|woff2?)$/i.test(f)).map((f) => path.join(MODULES, f));
  for (const icon of fs.readdirSync(path.join(ROOT, 'public/icon'))) real.push(path.join(ROOT, 'public/icon', icon));
  const documents: Document[] = real.map((file) => {
    const data = fs.readFileSync(file).toString('base64');
    const type = path.extname(file).slice(1).replace('jpg', 'jpeg').replace('ico', 'x-icon');
    return { source: path.relative(ROOT, file), text: `<img alt="" src="data:image/${type};base64,${data}">\n${data.match(/.{1,76}/g)!.join('\n')}\n` };
  });
  let total = documents.reduce((sum, d) => sum + d.text.length, 0);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  while (total < bytes) {
    const data = Buffer.concat([png, Buffer.from(Array.from({ length: int(r, 2_000, 60_000) }, () => int(r, 0, 255)))]).toString('base64');
    const text = `background: url(data:image/png;base64,${data});\n`;
    documents.push({ source: 'generated PNG-like bytes', text });
    total += text.length;
  }
  return documents;
}

/** Lines from `line()` until `bytes`, as documents of about 64 KB. */
function generated(name: string, bytes: number, line: () => string): Document[] {
  const documents: Document[] = [];
  let total = 0;
  while (total < bytes) {
    const lines: string[] = [];
    let size = 0;
    while (size < 64 * 1024) {
      const l = line();
      lines.push(l);
      size += l.length + 1;
    }
    const text = `${lines.join('\n')}\n`;
    documents.push({ source: `generated ${name}`, text });
    total += text.length;
  }
  return documents;
}

/** Every category, from the given seed. */
export function buildCorpus(seed = 13): Category[] {
  const files = moduleFiles();
  const r = seeded(seed);
  return [
    { name: 'README files of dependencies', what: 'every README in node_modules, each distinct text once', documents: readmes(files) },
    { name: 'prose', what: 'licences, notices, changelogs and histories in node_modules (up to 6 MiB)', documents: prose(files) },
    { name: 'code', what: 'JS, TS and JSON sources in node_modules outside test and fixture folders (up to 24 MiB, 256 KB a file)', documents: code(files) },
    { name: 'lockfile', what: "the project's package-lock.json (sha512 integrity strings, URLs)", documents: lockfile() },
    { name: 'logs', what: 'generated: access, JSON app, Kubernetes, git, stack-trace, sshd, CI and error lines (4 MiB)', documents: logs(r, 4 * MiB) },
    { name: 'UUIDs', what: 'generated: v4 UUIDs in upper and lower case, braces, JSON, URNs (1 MiB)', documents: uuids(r, MiB) },
    { name: 'hashes', what: 'generated: MD5/SHA-1/SHA-256/SHA-512 hex, SRI and npm integrity base64, git, Docker, bcrypt, argon2 (2 MiB)', documents: hashes(r, 2 * MiB) },
    { name: 'base64 images', what: 'the images in node_modules and the icons as data URIs and MIME blocks, then generated PNG-like bytes (4 MiB)', documents: images(files, r, 4 * MiB) },
  ];
}
