/**
 * Meituan's side of the sandbox's HTTP: parameters read from query and form body together, and
 * the legacy API's JSON answers (README.md here, "API").
 */
import type { ServerResponse } from 'node:http';
import { send } from '../common/sandbox-http.js';

/**
 * Union of query and form-body parameters, decoded once (README.md here, "Pushes"). The body is read as a
 * form whatever the declared content type or charset (lenient, like the legacy server);
 * on a name present in both, the first one seen (query) wins.
 */
export function collectParams(query: URLSearchParams, body: string): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (p: URLSearchParams) => {
    for (const [k, v] of p) if (!(k in out)) out[k] = v;
  };
  add(query);
  if (body.trim()) add(new URLSearchParams(body));
  return out;
}

export function sendJson(res: ServerResponse, body: string): void {
  // Legacy API: HTTP 200 even for errors (README.md here, "API").
  send(res, 200, 'application/json;charset=utf-8', body);
}
