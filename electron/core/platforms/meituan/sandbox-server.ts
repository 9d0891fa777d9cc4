/**
 * Request dispatch for the sandbox's one loopback port: the legacy API paths (sandbox-api.ts,
 * always HTTP 200 with JSON) and the binding pages (sandbox-pages.ts, HTML). Pushes caused by an
 * API call are started only once its answer is written: the platform answers, then pushes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiHost } from './sandbox-api.js';
import { REQUEST_ERROR, handleApi, isApiPath } from './sandbox-api.js';
import { afterAnswer, readBody, sendHtml } from '../common/sandbox-http.js';
import { collectParams, sendJson } from './sandbox-http.js';
import type { BindingPages } from './sandbox-pages.js';
import type { ApiCallRecord } from './sandbox-state.js';

export interface ServerDeps {
  api: ApiHost;
  pages: BindingPages;
  /** Work queued by the call just handled (handleApi is synchronous: one call at a time). */
  takeAfterAnswer(): (() => void)[];
  onApiCall(call: ApiCallRecord): void;
}

const NOT_FOUND = '<!doctype html><meta charset="utf-8"><title>404</title><p>美团沙箱：没有这个页面</p>';
const FAILED = '<!doctype html><meta charset="utf-8"><title>500</title><p>美团沙箱：服务器异常</p>';

export function sandboxRequestHandler(deps: ServerDeps) {
  return (req: IncomingMessage, res: ServerResponse): void => void handle(deps, req, res);
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const api = isApiPath(url.pathname);
  try {
    const params = collectParams(url.searchParams, method === 'POST' ? await readBody(req) : '');
    if (api) {
      const response = handleApi(deps.api, method, url.pathname, params);
      afterAnswer(res, deps.takeAfterAnswer());
      deps.onApiCall({ path: url.pathname, params, response, at: Date.now() });
      return sendJson(res, response);
    }
    const page = await deps.pages.handle(method, url.pathname, params);
    if (page) return sendHtml(res, page.status, page.html);
    sendHtml(res, 404, NOT_FOUND);
  } catch {
    if (res.headersSent) return void res.destroy();
    if (api) return sendJson(res, REQUEST_ERROR);
    sendHtml(res, 500, FAILED);
  }
}
