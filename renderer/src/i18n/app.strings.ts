/** The app shell's words. `en` must have every key `zh` has. */
const zh = {
  title: '外卖接单台',
  sandbox: '演示模式：订单来自内置的沙箱平台',
  sandboxShort: '演示',
  simulate: { 'new-order': '模拟顾客下单', 'pre-order': '模拟预订单', 'refund-request': '模拟退款申请', 'part-refund': '模拟部分退款', cancel: '模拟用户取消', reminder: '模拟顾客催单', rider: '模拟骑手下一步', 'lost-order': '模拟漏单（推送没到本机）' },
  nav: { board: '订单', today: '今日', union: '推广订单', stores: '门店', settings: '设置' },
  language: '语言',
  disconnected: '与接单台后台的连接已断开，正在重连…',
  linkInvalid: '链接无效或已过期：请使用 serve 启动时打印的地址（终端里 Open: 后面那一行；每次启动都会换新的）',
  loading: '正在加载…',
  clockSkew: {
    text: '电脑时间不准：比{{platform}}时间{{direction}}约 {{amount}}。请校准电脑时间，否则订单会显示在错误的日期。',
    slow: '慢',
    fast: '快',
    minutes: '{{n}} 分钟',
    hours: '{{n}} 小时',
    days: '{{n}} 天',
    years: '{{n}} 年',
  },
};

const en: typeof zh = {
  title: 'Takeaway Desk',
  sandbox: 'Demo mode: orders come from the built-in sandbox platforms',
  sandboxShort: 'Demo',
  simulate: {
    'new-order': 'Simulate an order',
    'pre-order': 'Simulate a pre-order',
    'refund-request': 'Simulate a refund request',
    'part-refund': 'Simulate a part refund',
    cancel: 'Simulate a cancellation',
    reminder: 'Simulate a hurry-up request',
    'lost-order': 'Simulate a lost order (its push never arrives)',
    rider: 'Simulate the rider’s next step',
  },
  nav: { board: 'Orders', today: 'Today', union: 'Promotions', stores: 'Stores', settings: 'Settings' },
  language: 'Language',
  disconnected: 'Lost the connection to the desk; reconnecting…',
  linkInvalid: 'This link is invalid or has expired: use the address serve printed when it started (the line after "Open:" in its terminal; it changes at every start)',
  loading: 'Loading…',
  clockSkew: {
    text: "This computer's clock is wrong: about {{amount}} {{direction}} {{platform}}'s time. Set the computer's clock right, or orders will show under the wrong day.",
    slow: 'behind',
    fast: 'ahead of',
    minutes: '{{n}} minutes',
    hours: '{{n}} hours',
    days: '{{n}} days',
    years: '{{n}} years',
  },
};

export default { zh, en };
