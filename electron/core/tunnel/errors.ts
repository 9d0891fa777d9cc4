/** Deadlines and staff-facing wording for tunnel failures: plain Chinese, then the technical detail. */
import { TunnelRequestError } from './client.js';

export class DeadlineError extends Error {}

/**
 * Run `fn` with `ac` aborted after `ms`: the npm client (and any slow server) would otherwise
 * keep a request open, or retry it, forever.
 */
export async function withDeadline<T>(ac: AbortController, ms: number, what: string, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new DeadlineError(`${what}: no answer within ${ms} ms`);
      ac.abort(err);
      reject(err);
    }, ms);
  });
  try {
    return await Promise.race([fn(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export function describeTunnelError(err: unknown, subdomain?: string): string {
  const detail = err instanceof Error ? err.message : String(err);
  if (err instanceof TunnelRequestError && err.status === 403) {
    return `隧道服务器拒绝了子域名「${subdomain ?? ''}」（只能用 4–63 位小写字母、数字和连字符），请改用合法的名字后重启（${detail}）`;
  }
  if (err instanceof TunnelRequestError && err.fatal) return `隧道服务器拒绝了请求，重试也不会成功，请检查隧道设置（${detail}）`;
  if (err instanceof TunnelRequestError) return `隧道服务器暂时不可用，正在自动重试（${detail}）`;
  if (err instanceof DeadlineError) return `隧道没有按时响应，正在自动重试（${detail}）`;
  if (/drained/.test(detail)) return `与隧道服务器的连接全部断开，正在重新建立隧道（${detail}）`;
  if (/health probe/.test(detail)) return `通过公网地址访问不到本机接单服务，正在重试（${detail}）`;
  return `隧道连接出错，正在自动重试（${detail}）`;
}
