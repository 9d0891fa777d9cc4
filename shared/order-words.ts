/**
 * Order facts in words, the same on the board and on paper: a phone as dialled, cutlery. Pure;
 * the window (renderer/src/lib) and the core's tickets (electron/core/printing/tickets) both use
 * these, so a privacy number or a cutlery code never reads two ways.
 */
import type { OrderFacts } from './order.js';

export type WordsLang = 'zh' | 'en';

/**
 * Phone as the customer dials it. Privacy numbers (`13800000000_1234`: number + extension)
 * read 「13800000000 转 1234」 (English: `ext.`); nothing is masked or invented.
 */
export function phoneDisplay(phone: string, lang: WordsLang = 'zh'): string {
  const m = /^\s*([^_]+?)\s*[_,，#]\s*(\d+)\s*$/.exec(phone);
  if (!m) return phone.trim();
  return `${m[1]} ${lang === 'en' ? 'ext.' : '转'} ${m[2]}`;
}

/** Cutlery in words; '' when the customer did not choose. */
export function cutleryText(cutlery: OrderFacts['cutlery'], lang: WordsLang): string {
  if (cutlery === null) return '';
  if (cutlery === 'needed') return lang === 'zh' ? '需要餐具' : 'Cutlery wanted';
  if (cutlery === 0) return lang === 'zh' ? '不要餐具' : 'No cutlery';
  if (cutlery === -10) return lang === 'zh' ? '餐具 10 份以上' : 'Cutlery for 10+';
  return lang === 'zh' ? `餐具 ${cutlery} 份` : `Cutlery × ${cutlery}`;
}
