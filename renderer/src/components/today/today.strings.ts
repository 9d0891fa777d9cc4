/** Words of the 今日 page (the day's numbers). `en` must have every key `zh` has. */
const zh = {
  parts: { numbers: '今日数据', shift: '交班/日结' },
  soon: '{{day}} 的数据',
};

const en: typeof zh = {
  parts: { numbers: 'Numbers', shift: 'End of shift' },
  soon: 'Numbers of {{day}}',
};

export default { zh, en };
