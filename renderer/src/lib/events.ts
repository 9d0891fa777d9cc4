/**
 * Order history in words: `order.events[].type` and `.source` are machine words from the core
 * (electron/core/orders/reduce.ts, platforms/<name>/interpret.ts); staff read these instead.
 * A type we do not know is shown raw rather than hidden — it is still something that happened.
 */
import strings from '../components/board/board.strings.js';
import type { Platform } from '../../../shared/order.js';
import { PLATFORMS } from '../../../shared/order.js';
import { platformName, type Lang } from './format.js';

type EventWords = typeof strings.zh.events;
type KnownType = Exclude<keyof EventWords, 'shippingOther' | 'noticeOther'>;

function isKnown(words: EventWords, type: string): type is KnownType {
  return type !== 'shippingOther' && type !== 'noticeOther' && Object.hasOwn(words, type);
}

export function eventTypeText(type: string, lang: Lang): string {
  const words = strings[lang].events;
  if (isKnown(words, type)) return words[type];
  const shipping = /^shipping:(-?\d+)$/.exec(type);
  if (shipping) return words.shippingOther.replace('{{code}}', shipping[1] ?? '');
  // `notice:<what>`: something the platform sent that the core kept without understanding it.
  if (type.startsWith('notice:')) return words.noticeOther.replace('{{what}}', type.slice('notice:'.length));
  return type;
}

/** `staff` → 店员, `/meituan/order/new` → 美团推送 (the route itself stays visible in the detail). */
export function eventSourceText(source: string, lang: Lang): string {
  const words = strings[lang].sources;
  if (source === 'staff' || source === 'auto-accept' || source === 'api') return words[source];
  const platform = /^\/([a-z]+)\//.exec(source)?.[1];
  if (platform && (PLATFORMS as readonly string[]).includes(platform)) {
    return words.push.replace('{{platform}}', platformName(platform as Platform, lang));
  }
  return source;
}

/** Oldest first, newest last — the order things happened in (stable for equal times). */
export function eventsInOrder<T extends { at: string; seq: number }>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq));
}
