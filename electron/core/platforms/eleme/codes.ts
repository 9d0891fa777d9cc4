/**
 * Eleme's outbound code tables: cancel reasons (string codes), reminder reply kinds, API error
 * codes and what each means for the person at the counter. Every table is an outside fact,
 * described in README-outbound.md here ("Codes"), with the UNCERTAIN rows marked.
 */

/** Cancel reasons the API takes as `type` of a merchant cancel, with words for staff. */
export const ELEME_CANCEL_CODES: readonly { code: string; zh: string; en: string }[] = [
  { code: 'foodSoldOut', zh: '商品已售完', en: 'Sold out' },
  { code: 'restaurantTooBusy', zh: '店铺太忙', en: 'Store too busy' },
  { code: 'restaurantClosed', zh: '店铺已打烊', en: 'Store closed' },
  { code: 'contactUserFailed', zh: '联系不上用户', en: 'Customer unreachable' },
  { code: 'distanceTooFar', zh: '超出配送范围', en: 'Too far to deliver' },
  { code: 'fakeOrder', zh: '用户信息不符', en: 'Customer details wrong' },
  { code: 'forceRejectOrder', zh: '用户要求取消', en: 'Customer asked to cancel' },
  { code: 'deliveryFault', zh: '配送出现问题', en: 'Delivery problem' },
  { code: 'notSatisfiedDeliveryRequirement', zh: '不满足配送要求', en: 'Delivery requirements not met' },
  { code: 'others', zh: '其他原因', en: 'Other reason' },
];

/** The cancel picker: the reasons a shop gives, the common ones first. */
const MERCHANT_CANCEL_ORDER = [
  'foodSoldOut',
  'restaurantTooBusy',
  'restaurantClosed',
  'contactUserFailed',
  'distanceTooFar',
  'forceRejectOrder',
  'others',
];
export const ELEME_CANCEL_REASONS: readonly { code: string; zh: string; en: string }[] = MERCHANT_CANCEL_ORDER.map(
  (code) => ELEME_CANCEL_CODES.find((r) => r.code === code)!,
);

export const ELEME_DEFAULT_CANCEL_CODE = 'others';

export function isElemeCancelCode(code: string): boolean {
  return ELEME_CANCEL_CODES.some((r) => r.code === code);
}

/** Ways to answer a customer's 催单; `custom` needs the shop's own words (30 characters at most). */
export const ELEME_REMINDER_REPLIES: readonly { code: string; zh: string; en: string }[] = [
  // Staff's words for what each kind tells the customer (Eleme sends its own text for all but `custom`).
  { code: 'inCooking', zh: '已在制作，请稍候', en: 'Being made, please wait' },
  { code: 'hasOut', zh: '骑手已取餐，正在送', en: 'Rider has it, on the way' },
  { code: 'weather', zh: '天气原因，配送稍慢', en: 'Weather slows delivery' },
  { code: 'shortHand', zh: '人手不足，请稍候', en: 'Short-handed, please wait' },
  { code: 'custom', zh: '自己写', en: 'Own words' },
];
export const REMINDER_CUSTOM_MAX_CHARS = 30;

/** API error codes and what they mean at the counter; `retriable`: trying again later may help. */
const ERROR_WORDS: Record<string, { zh: string; retriable: boolean }> = {
  SERVER_ERROR: { zh: '饿了么服务器异常，稍后会自动重试', retriable: true },
  EXCEED_LIMIT: { zh: '调用饿了么太频繁，稍后会自动重试', retriable: true },
  UNAUTHORIZED: { zh: '饿了么授权已失效：请在「门店」页重新授权饿了么', retriable: false },
  ACCESS_DENIED: { zh: '饿了么拒绝访问：请检查应用的 appKey 与门店授权', retriable: false },
  PERMISSION_DENIED: { zh: '应用没有这个接口的权限，或门店没有授权给本应用：请在饿了么开放平台检查权限', retriable: false },
  METHOD_NOT_ALLOWED: { zh: '饿了么不支持这个操作', retriable: false },
  ILLEGAL_REQUEST: { zh: '饿了么认为请求格式不对（请联系技术支持）', retriable: false },
  INVALID_SIGNATURE: { zh: '签名验证失败：请检查饿了么 appSecret 配置（沙箱与正式环境的密钥不同）', retriable: false },
  INVALID_TIMESTAMP: { zh: '电脑时间与饿了么相差太多：请校准电脑时间', retriable: false },
  VALIDATION_FAILED: { zh: '饿了么认为参数不对', retriable: false },
};

export function elemeErrorWords(code: string | null): { zh: string; retriable: boolean } | undefined {
  if (code === null) return undefined;
  const known = ERROR_WORDS[code];
  if (known) return known;
  if (code.startsWith('BIZ_')) return { zh: '饿了么没有接受这个操作', retriable: false };
  return undefined;
}

/**
 * Words that say an order is already accepted, as business errors on a repeated accept have
 * said it. The platform's own code for this is not published (UNCERTAIN), so the client also
 * asks for the order before it calls a failed accept a failure.
 */
export const ALREADY_ACCEPTED_TEXT = /已接单|已确认|已经接单|重复接单|already (?:been )?(?:confirmed|accepted)/i;
