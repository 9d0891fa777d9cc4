/**
 * Every alert reason and flag a card can carry has its words in both languages: a reason added without
 * them shows staff a bare key such as 「attention.reminder」 on the card.
 */
import { describe, expect, it } from 'vitest';
import boardStrings from '../../../renderer/src/components/board/board.strings.js';
import { ATTENTION_REASONS, ORDER_FLAGS } from '../../../shared/order.js';

describe('alert words on the card', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`has words for every alert reason (${lang})`, () => {
      const words = boardStrings[lang].attention as Record<string, string>;
      expect(ATTENTION_REASONS.filter((r) => !(typeof words[r] === 'string' && words[r] !== ''))).toEqual([]);
    });

    it(`has words for every flag (${lang})`, () => {
      const words = boardStrings[lang].flags as Record<string, string>;
      expect(ORDER_FLAGS.filter((f) => !(typeof words[f] === 'string' && words[f] !== ''))).toEqual([]);
    });
  }
});
