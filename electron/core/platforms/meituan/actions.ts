/**
 * The core's generic order actions, done through Meituan's API, and Meituan's errors put into
 * words for the counter.
 */
import type { ActionFailure, PlatformActions } from '../types.js';
import { MeituanApiError, type MeituanClient } from './client.js';
import { PreparedRefused, preparedRefusalWords } from '../common/prepared-refusal.js';

export function meituanActions(client: MeituanClient): PlatformActions {
  return {
    confirm: async (orderId, token) => {
      await client.confirm(token, orderId);
    },
    cancel: (orderId, token, code, reason) => client.cancel(token, orderId, code, reason),
    agreeRefund: (orderId, token, reason) => client.agreeRefund(token, orderId, reason),
    rejectRefund: (orderId, token, reason) => client.rejectRefund(token, orderId, reason),
    delivering: (orderId, token, courier) => client.delivering(token, orderId, courier?.name, courier?.phone),
    delivered: (orderId, token) => client.delivered(token, orderId),
    prepared: async (orderId, token) => {
      try {
        await client.preparationMealComplete(token, orderId);
      } catch (err) {
        throw preparedRefusal(err);
      }
    },
  };
}

/** Meituan refused 出餐 for a reason of the order's (not the binding, the signature or the network): in staff's words. */
function preparedRefusal(err: unknown): unknown {
  if (!(err instanceof MeituanApiError) || err.code === null || HINTS[err.code] !== undefined) return err;
  const words = preparedRefusalWords(err.message);
  return words ? new PreparedRefused(words, err.message) : err;
}

/** Known codes (README.md here, "API"): what they mean for the person at the counter. */
const HINTS: Record<number, string> = {
  1: '美团服务器异常，稍后会自动重试',
  2: '参数异常：门店授权可能已失效，请在「门店」页重新绑定',
  3: '签名验证失败：请检查开发者 signKey 配置',
  806: '美团找不到该订单',
};

export function describeMeituanError(err: unknown): ActionFailure {
  if (err instanceof PreparedRefused) return { message: err.words, retriable: false };
  if (err instanceof MeituanApiError) {
    const hint = err.code !== null ? HINTS[err.code] : undefined;
    const transport =
      err.type === 'timeout' ? '美团接口超时' : err.type === 'network' ? '无法连接美团接口（请检查网络）' : err.type === 'http' ? '美团接口暂不可用' : '';
    const message = `${hint ?? (transport || '美团没有接受这个操作')}（${err.message}）`;
    return { message, retriable: err.retriable };
  }
  return { message: `操作没有完成，请稍后再试（${(err as Error)?.message ?? String(err)}）`, retriable: true };
}
