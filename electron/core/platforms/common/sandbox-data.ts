/**
 * Realistic made-up content for every platform's sandbox orders: a 湘菜/川菜 menu, customer
 * notes as they really read (including `到店自取`, which Meituan reads as a pickup order),
 * Changsha addresses as street text plus geocoded address and coordinates (each platform's
 * sandbox writes them in its own shape), riders and 满减 activities, the random picks over
 * them, and order ids beyond 2^53.
 */

export interface MenuItem {
  code: string;
  name: string;
  price: number;
  unit: string;
  specs: string[];
  props: string[];
  /** Box price in yuan, 0 = no box. */
  box: number;
}

export const MENU: readonly MenuItem[] = [
  {
    code: 'XB001',
    name: '小炒黄牛肉',
    price: 38,
    unit: '份',
    specs: ['大份', '小份'],
    props: ['中辣', '微辣', '特辣'],
    box: 1,
  },
  {
    code: 'XB002',
    name: '辣椒炒肉',
    price: 28,
    unit: '份',
    specs: ['大份', '小份'],
    props: ['中辣', '微辣'],
    box: 1,
  },
  { code: 'XB003', name: '剁椒鱼头', price: 68, unit: '份', specs: [], props: ['中辣', '特辣'], box: 2 },
  {
    code: 'XB004',
    name: '宫保鸡丁',
    price: 26,
    unit: '份',
    specs: ['大份'],
    props: ['中辣,微甜', '微辣,微甜', '不辣'],
    box: 1,
  },
  { code: 'XB005', name: '鱼香肉丝', price: 24, unit: '份', specs: [], props: ['微辣,微甜', '不辣'], box: 1 },
  { code: 'XB006', name: '麻婆豆腐', price: 16, unit: '份', specs: [], props: ['中辣', '微辣'], box: 1 },
  { code: 'XB007', name: '酸辣土豆丝', price: 14, unit: '份', specs: [], props: ['微辣', '不辣'], box: 1 },
  { code: 'XB008', name: '米饭', price: 2, unit: '碗', specs: [], props: [], box: 0 },
  { code: 'XB009', name: '紫菜蛋花汤', price: 8, unit: '份', specs: [], props: [], box: 1 },
  {
    code: 'XB010',
    name: '冰镇酸梅汤',
    price: 6,
    unit: '杯',
    specs: ['大杯', '中杯'],
    props: ['少冰', '去冰', '正常冰'],
    box: 0,
  },
  { code: 'XB011', name: '农家一碗香', price: 32, unit: '份', specs: [], props: ['中辣'], box: 1 },
  {
    code: 'XB012',
    name: '口味虾',
    price: 88,
    unit: '份',
    specs: ['大份', '小份'],
    props: ['中辣', '特辣', '蒜蓉'],
    box: 2,
  },
];

export const NOTES: readonly string[] = [
  '',
  '',
  '',
  '少辣',
  '不要香菜',
  '少辣，不要香菜',
  '多放醋，不要葱',
  '米饭多一点，谢谢',
  '到店自取',
  '【如遇高峰时段，请耐心等待】',
  '收餐人隐私号 13800000000_1234，手机号 138****0000',
];

export const CUSTOMERS: readonly string[] = [
  '张先生',
  '李女士',
  '王(先生)',
  '刘女士',
  '陈先生',
  '周(女士)',
  '赵先生',
];

export const ADDRESSES: readonly { text: string; geo: string; lat: number; lng: number }[] = [
  { text: '华远国际中心3栋1205', geo: '湖南省长沙市芙蓉区五一大道389号', lat: 28.196451, lng: 112.987262 },
  {
    text: '中南大学本部 南校区12舍 前台',
    geo: '湖南省长沙市岳麓区麓山南路932号',
    lat: 28.172912,
    lng: 112.934155,
  },
  {
    text: '德思勤城市广场A座 18楼 前台放外卖架',
    geo: '湖南省长沙市雨花区湘府中路18号',
    lat: 28.113764,
    lng: 113.006357,
  },
  {
    text: '湘江世纪城 博翠园 7栋2单元 902',
    geo: '湖南省长沙市开福区湘江北路1500号',
    lat: 28.248037,
    lng: 112.974419,
  },
  {
    text: '梅溪湖金茂悦 北门保安亭',
    geo: '湖南省长沙市岳麓区梅溪湖路与雷锋大道交汇处',
    lat: 28.195532,
    lng: 112.880126,
  },
];

/** Riders for shipping pushes: [dispatcherName, dispatcherMobile]. */
export const RIDERS: readonly (readonly [string, string])[] = [
  ['刘师傅', '13974112233'],
  ['张骑手', '15874005566'],
  ['王小明', '18673107788'],
];

export const DISCOUNTS: readonly { amount: number; remark: string }[] = [
  { amount: 0, remark: '' },
  { amount: 0, remark: '' },
  { amount: 5, remark: '满30元减5元' },
  { amount: 12, remark: '满60元减12元' },
  { amount: 2.5, remark: '满20元减2.5元' },
];

/**
 * A repeatable stream of numbers in [0, 1) from a seed (mulberry32): the same seed gives the same
 * demo day, dish for dish, so screenshots and layout checks see the same cards on every run.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, list: readonly T[]): T {
  const item = list[Math.floor(random() * list.length) % list.length];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Pick by weight: entries are [value, weight]. */
export function weighted<T>(random: () => number, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [value, w] of entries) {
    if (r < w) return value;
    r -= w;
  }
  const last = entries[entries.length - 1];
  if (!last) throw new Error('weighted pick from an empty list');
  return last[0];
}

/** `n` random decimal digits (phone numbers, extensions, tax ids). */
export function digits(random: () => number, n: number): string {
  return Array.from({ length: n }, () => String(Math.floor(random() * 10))).join('');
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A 17–19 digit id, always above 2^53 (real order ids of both takeaway platforms are). */
export function newBigId(random: () => number): string {
  const length = 17 + Math.floor(random() * 3);
  let digits = String(1 + Math.floor(random() * 9));
  while (digits.length < length) digits += String(Math.floor(random() * 10));
  const id = BigInt(digits);
  if (id <= MAX_SAFE) throw new Error(`generated id ${digits} is not beyond 2^53`);
  return id.toString();
}
