/** Words of the end-of-shift check (交班/日结). `en` must have every key `zh` has. */
const zh = {
  soon: '{{day}} 交班检查',
};

const en: typeof zh = {
  soon: 'End-of-shift check for {{day}}',
};

export default { zh, en };
