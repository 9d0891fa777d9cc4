/**
 * A platform's refusal of 出餐 (food ready), in staff's words with what to do. Each platform's
 * `prepared` action turns its own refusal (its code and words) into this error, and its
 * `describeError` passes the words on unchanged (docs/shop-floor.md, "出餐").
 */
export class PreparedRefused extends Error {
  override name = 'PreparedRefused';
  constructor(
    /** Staff's words: what happened and what to do. */
    readonly words: string,
    /** The platform's own answer, for the order's history. */
    readonly platformMessage: string,
  ) {
    super(`${words}（${platformMessage}）`);
  }
}

/** The platform's words for a refused 出餐 as staff's words, or null when they are about something else. */
export function preparedRefusalWords(platformWords: string): string | null {
  const m = platformWords;
  if (/取消/.test(m)) return '订单已取消，不能出餐';
  if (/已出餐|重复/.test(m)) return '这单已经出过餐了，无需再点';
  if (/取餐|配送中|送达|已完成/.test(m)) return '骑手已取餐，无需出餐';
  if (/自配送|自取|非.{0,6}配送/.test(m)) return '自配送/到店自取订单不用在平台出餐';
  if (/提醒时间|预订单/.test(m)) return '预订单还没到可以出餐的时间，请到时再点';
  if (/分钟|过早|太早/.test(m)) return '接单不到 1 分钟，平台不允许出餐，请稍后再点';
  return null;
}
