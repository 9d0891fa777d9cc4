/**
 * Generated bad requests for every receiver route. Every one is signed with a wrong key, or not
 * signed, or is not a callback at all, so none may be stored. Each carries what kind of answer
 * it must get: the route's own dialect, the not-found answer, or — for bytes that are not HTTP
 * at all — a plain 4xx or a closed connection.
 */
import { meituan as meituanPlatform } from '../../electron/core/platforms/meituan/index.js';
import { union as unionPlatform } from '../../electron/core/platforms/union/index.js';
import { unionSign } from '../../electron/core/platforms/union/sign.js';
import { meituanSign } from '../../electron/core/platforms/meituan/sign.js';
import { rawRequest, type RawRequest } from './raw-http.js';

/** What a well-formed answer looks like: the route's dialect, or refusal below HTTP routing. */
export type Expect = 'meituan' | 'union' | 'not-found' | 'wire';

export interface FuzzCase extends RawRequest {
  kind: string;
  path: string;
  expect: Expect;
  /** HEAD: the answer has headers only. */
  head?: boolean;
  /** The client stopped mid-body: closing without an answer is fine too. */
  mayClose?: boolean;
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, n: number): number => Math.floor(r() * n);
const junk = (r: Rand, n: number): Buffer => Buffer.from(Array.from({ length: n }, () => int(r, 256)));
const hex = (r: Rand, n: number): string => Array.from({ length: n }, () => int(r, 16).toString(16)).join('');

const MEITUAN_PATHS = meituanPlatform.routes.map((r) => r.path);
const UNION_PATHS = unionPlatform.routes.map((r) => r.path);
const WRONG_KEY = 'fuzzWrongKey0001';
const FORM = 'application/x-www-form-urlencoded';

function meituanFields(r: Rand): Record<string, string> {
  const orderId = String(10_000_000_000_000 + int(r, 1e12));
  const f: Record<string, string> = {
    developerId: pick(r, ['100001', '999999', '', '１００００１']),
    ePoiId: pick(r, ['store-1', 'store-x', '', '../../etc', '门店']),
    timestamp: String(Math.floor(Date.now() / 1000) + pick(r, [0, -86400, 3e9, -2e9])),
  };
  const order = { orderId, wmPoiName: '湘北人家', status: 2, total: r() * 100, ctime: 1_700_000_000 + int(r, 1e8), detail: '[]' };
  if (r() < 0.8) f['order'] = pick(r, [JSON.stringify(order), '{', 'null', '[]', JSON.stringify(order).slice(0, int(r, 40)), '\u0000\uffff']);
  if (r() < 0.3) f['orderId'] = orderId;
  if (r() < 0.2) f['appAuthToken'] = hex(r, 32);
  return f;
}

/** A sign that can never match: wrong key, random, emptied, or none. */
function badSign(r: Rand, f: Record<string, string>, sign: (key: string, f: Record<string, string>) => string): Record<string, string> {
  const how = int(r, 5);
  if (how === 0) return f;
  if (how === 1) return { ...f, sign: '' };
  if (how === 2) return { ...f, sign: hex(r, 40) };
  if (how === 3) return { ...f, SIGN: sign(WRONG_KEY, f) };
  return { ...f, sign: sign(WRONG_KEY, f) };
}

const form = (f: Record<string, string>): string => new URLSearchParams(f).toString();

function multipart(f: Record<string, string>, boundary: string): string {
  return Object.entries(f).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`;
}

type Gen = (r: Rand) => FuzzCase;

const meituanCase = (kind: string, build: (r: Rand, path: string, fields: Record<string, string>) => Omit<FuzzCase, 'kind' | 'path' | 'expect'> & { path?: string }): Gen => (r) => {
  const path = pick(r, MEITUAN_PATHS);
  const fields = badSign(r, meituanFields(r), meituanSign);
  const built = build(r, path, fields);
  return { kind, expect: 'meituan', ...built, path: built.path ?? path };
};

const GENERATORS: [weight: number, gen: Gen][] = [
  [10, meituanCase('form, bad sign', (_r, path, f) => ({ bytes: rawRequest('POST', path, [['Content-Type', FORM]], form(f)) }))],
  [6, meituanCase('json body', (r, path, f) => ({ bytes: rawRequest('POST', path, [['Content-Type', pick(r, ['application/json', 'application/json; charset=utf-8', 'text/plain', FORM])]], JSON.stringify(f)) }))],
  [5, meituanCase('multipart body', (r, path, f) => {
    const b = `----fuzz${hex(r, 12)}`;
    return { bytes: rawRequest('POST', path, [['Content-Type', `multipart/form-data; boundary=${b}`]], multipart(f, b)) };
  })],
  [5, meituanCase('bom or newline first', (r, path, f) => ({ bytes: rawRequest('POST', path, [['Content-Type', FORM]], Buffer.concat([pick(r, [Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\r\n'), Buffer.from(' \n')]), Buffer.from(form(f))])) }))],
  [5, meituanCase('signed fields in the query', (_r, path, f) => ({ bytes: rawRequest('POST', `${path}?${form(f)}`, [['Content-Type', FORM]], '') }))],
  [6, meituanCase('bad encoding', (r, path, f) => {
    const body = pick(r, [
      `${form(f)}&order=%zz%E4%B8`,
      `${form(f)}&x=%`,
      Buffer.concat([Buffer.from(`${form(f)}&poiName=`), junk(r, 12)]).toString('latin1'),
      form(f).replace(/%[0-9A-F]{2}/g, (m) => (r() < 0.3 ? m.slice(0, 2) : m)),
    ]);
    return { bytes: rawRequest('POST', path, [['Content-Type', pick(r, [FORM, `${FORM}; charset=gbk`, `${FORM}; charset=latin1`])]], Buffer.from(body, 'latin1')) };
  })],
  [6, meituanCase('odd headers', (r, path, f) => {
    const headers: [string, string][] = [['Content-Type', pick(r, [FORM, '', ';;;', 'application/x-www-form-urlencoded; boundary=""', 'a/b/c', '*/*'])]];
    for (let i = int(r, 60); i > 0; i--) headers.push([`X-Fuzz-${i}`, hex(r, int(r, 120))]);
    if (r() < 0.3) headers.push(['X-Long', 'a'.repeat(4000 + int(r, 6000))]);
    if (r() < 0.2) headers.push(['Content-Type', 'application/json']);
    if (r() < 0.2) headers.push(['Content-Encoding', pick(r, ['gzip', 'br', 'identity', 'x-unknown'])]);
    if (r() < 0.2) headers.push(['Expect', '100-continue']);
    return { bytes: rawRequest('POST', path, headers, form(f)) };
  })],
  [6, (r) => {
    const method = pick(r, ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'GET']);
    const path = pick(r, MEITUAN_PATHS);
    const f = badSign(r, meituanFields(r), meituanSign);
    const target = method === 'GET' ? `${path}?${form(f)}` : path;
    return { kind: 'wrong method', path, expect: 'meituan', head: method === 'HEAD', bytes: rawRequest(method, target, [['Content-Type', FORM]], method === 'GET' || method === 'HEAD' ? '' : form(f)) };
  }],
  [6, (r) => {
    const path = pick(r, ['/', '/meituan', '/meituan/order', '/meituan/order/new/', '/MEITUAN/ORDER/NEW', '/meituan/order/new%00', '/../../etc/passwd', '/api/orders', `/${hex(r, 30)}`, '/union/order/x', '/%E4%B8%AD', '/meituan//order/new', '/meituan/order/new;x=1']);
    const method = pick(r, ['GET', 'POST', 'PUT', 'DELETE']);
    return { kind: 'unknown path', path, expect: 'not-found', bytes: rawRequest(method, path + (r() < 0.5 ? `?${hex(r, 10)}=1` : ''), [['Content-Type', FORM]], method === 'GET' ? '' : form(meituanFields(r))) };
  }],
  [6, meituanCase('truncated body', (r, path, f) => {
    const body = Buffer.from(form(f));
    const cut = body.subarray(0, int(r, body.length));
    // Either the cut body with an honest length, or a length promising more than comes.
    return r() < 0.5
      ? { bytes: rawRequest('POST', path, [['Content-Type', FORM]], cut) }
      : { bytes: rawRequest('POST', path, [['Content-Type', FORM]], cut, { contentLength: body.length }), endAfterWrite: true, mayClose: true };
  })],
  [5, meituanCase('binary junk body', (r, path) => ({ bytes: rawRequest('POST', path, [['Content-Type', pick(r, [FORM, 'application/octet-stream', 'application/json'])]], junk(r, 1 + int(r, 3000))) }))],
  [2, meituanCase('body too large', (r, path) => ({ bytes: rawRequest('POST', path, [['Content-Type', FORM]], `order=${'x'.repeat(256 * 1024 + int(r, 10_000))}`) }))],
  [8, (r) => {
    const path = pick(r, UNION_PATHS);
    const fields: Record<string, string> = { orderid: String(int(r, 1e12)), sid: pick(r, ['group-01', '', 'x'.repeat(300)]), smstitle: '湘北人家 双人套餐', quantity: String(int(r, 5)), total: pick(r, ['68.8', '-1', 'NaN', '1e400']), status: pick(r, ['1', '2', '8', '9', '']) };
    const signed = badSign(r, fields, unionSign);
    const body = pick(r, [JSON.stringify(signed), JSON.stringify([signed]), '{"a":', 'null', `\ufeff${JSON.stringify(signed)}`, form(signed), JSON.stringify({ ...signed, orderid: '' }).replace('"orderid":""', '"orderid":12345678901234567890')]);
    const inQuery = r() < 0.2;
    return { kind: 'union', path, expect: 'union', bytes: rawRequest('POST', inQuery ? `${path}?${form(signed)}` : path, [['Content-Type', pick(r, ['application/json', 'text/plain', FORM])]], inQuery ? '' : body) };
  }],
  [2, (r) => ({ kind: 'union wrong method', path: UNION_PATHS[0]!, expect: 'union', bytes: rawRequest(pick(r, ['GET', 'PUT', 'DELETE']), `${UNION_PATHS[0]!}?orderid=1&sign=${hex(r, 32)}`, [], '') })],
  [4, (r) => ({ kind: 'not http', path: '', expect: 'wire', bytes: Buffer.concat([junk(r, 1 + int(r, 500)), Buffer.from('\r\n\r\n')]) })],
  [4, (r) => {
    const path = pick(r, MEITUAN_PATHS);
    const broken = pick(r, [
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n`,
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\nConnection: close\r\n\r\n`,
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\nConnection: close\r\n\r\nabcde`,
      `POST ${path} HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(70_000)}\r\nConnection: close\r\n\r\n`,
      `POST ${path} HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n`,
      `POST ${path} HTTP/1.1\r\nHo st: x\r\nConnection: close\r\n\r\n`,
      `POST ${path}\u0000 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      `POST ${path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nabc\r\n`,
    ]);
    return { kind: 'broken http', path, expect: 'wire', bytes: Buffer.from(broken, 'latin1'), endAfterWrite: r() < 0.5 };
  }],
];

const TOTAL = GENERATORS.reduce((n, [w]) => n + w, 0);

export function generateCase(r: Rand): FuzzCase {
  let x = r() * TOTAL;
  for (const [w, gen] of GENERATORS) {
    if ((x -= w) < 0) return gen(r);
  }
  return GENERATORS[0]![1](r);
}
