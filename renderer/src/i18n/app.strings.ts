/** The app shell's words. `en` must have every key `zh` has. */
const zh = {
  title: '外卖接单台',
  sandbox: '演示模式：订单来自内置的沙箱平台',
  sandboxShort: '演示',
  simulate: { 'new-order': '模拟顾客下单', 'refund-request': '模拟退款申请', 'part-refund': '模拟部分退款', cancel: '模拟用户取消' },
  nav: { board: '订单', union: '推广订单', stores: '门店', settings: '设置' },
  language: '语言',
  disconnected: '与接单台后台的连接已断开，正在重连…',
  loading: '正在加载…',
};

const en: typeof zh = {
  title: 'Takeaway Desk',
  sandbox: 'Demo mode: orders come from the built-in sandbox platforms',
  sandboxShort: 'Demo',
  simulate: {
    'new-order': 'Simulate an order',
    'refund-request': 'Simulate a refund request',
    'part-refund': 'Simulate a part refund',
    cancel: 'Simulate a cancellation',
  },
  nav: { board: 'Orders', union: 'Promotions', stores: 'Stores', settings: 'Settings' },
  language: 'Language',
  disconnected: 'Lost the connection to the desk; reconnecting…',
  loading: 'Loading…',
};

export default { zh, en };
