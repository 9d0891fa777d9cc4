/** Words of the 催单 (customer's hurry-up request) mark and its reply dialog. `en` must have every key `zh` has. */
const zh = {
  asked: '顾客催单了',
  askedAt: '{{time}} 顾客催单了',
  replied: '{{time}} 顾客催单 · 已回复',
  reply: '回复催单',
  title: '回复催单 {{seq}}',
  hint: '选一句回复，顾客会在{{platform}}里看到。',
  choices: '常用回复',
  own: '自己写（最多 {{max}} 个字）',
  ownPlaceholder: '例如：已经在打包了，马上出门',
  counter: '{{count}}/{{max}}',
  tooLong: '最多 {{max}} 个字，请删短一些。',
  ownRequired: '请写下要回复顾客的话，或选一句常用回复。',
  confirm: '发送回复',
  loading: '正在读取回复选项…',
  repliesFailed: '没能读取{{platform}}的回复选项：{{message}}。请点「重试」。',
  retry: '重试',
  noReplies: '{{platform}}不支持在这里回复催单：请到{{platform}}商家后台回复。',
};

const en: typeof zh = {
  asked: 'The customer asked you to hurry',
  askedAt: '{{time}} The customer asked you to hurry',
  replied: '{{time}} Hurry-up request · replied',
  reply: 'Reply',
  title: 'Reply to the hurry-up request {{seq}}',
  hint: 'Pick a reply; the customer sees it in {{platform}}.',
  choices: 'Common replies',
  own: 'Own words (at most {{max}} characters)',
  ownPlaceholder: 'e.g. Being packed, leaving now',
  counter: '{{count}}/{{max}}',
  tooLong: 'At most {{max}} characters: please shorten it.',
  ownRequired: 'Write what to tell the customer, or pick a common reply.',
  confirm: 'Send reply',
  loading: 'Reading the reply choices…',
  repliesFailed: "Could not read {{platform}}'s reply choices: {{message}}. Press Try again.",
  retry: 'Try again',
  noReplies: '{{platform}} cannot be replied to from here: reply in the {{platform}} merchant app.',
};

export default { zh, en };
