/** Words of the cancel dialog that depend on the order's platform's reasons. `en` must have every key `zh` has. */
const zh = {
  reasonsFailed: '没能读取{{platform}}的取消原因：{{message}}。请重试；取消订单需要选一个平台认可的原因。',
  retry: '重试',
  noReasons: '{{platform}}没有提供取消原因，不能在这里取消：请到{{platform}}商家后台处理。',
};

const en: typeof zh = {
  reasonsFailed: "Could not read {{platform}}'s cancel reasons: {{message}}. Try again; a cancel needs a reason the platform accepts.",
  retry: 'Try again',
  noReasons: '{{platform}} offers no cancel reasons, so the order cannot be cancelled here: use the {{platform}} merchant app.',
};

export default { zh, en };
