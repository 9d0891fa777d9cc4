/** The argument checks of the calls the Eleme wiring added (the renderer is untrusted input). */
import { describe, expect, it } from 'vitest';
import { ApiInputError, parseArgs } from '../../../electron/core/api-schemas.js';

describe('DeskApi arguments', () => {
  it('simulate takes a platform, with or without a store (null over HTTP = none)', () => {
    expect(parseArgs('simulate', ['new-order'])).toEqual(['new-order']);
    expect(parseArgs('simulate', ['new-order', 'store-1', 'eleme'])).toEqual(['new-order', 'store-1', 'eleme']);
    expect(parseArgs('simulate', ['cancel', null, 'meituan'])).toEqual(['cancel', undefined, 'meituan']);
    expect(() => parseArgs('simulate', ['new-order', 'store-1', 'nowhere'])).toThrow(ApiInputError);
  });

  it('the stores page’s authorization calls name a platform, and a shop maps to a store or to none', () => {
    expect(parseArgs('authorizations', ['eleme'])).toEqual(['eleme']);
    expect(parseArgs('mapShop', ['eleme', '168830001', null])).toEqual(['eleme', '168830001', null]);
    expect(parseArgs('mapShop', ['eleme', '168830001', 'store-1'])).toEqual(['eleme', '168830001', 'store-1']);
    expect(() => parseArgs('mapShop', ['eleme', '', 'store-1'])).toThrow(ApiInputError);
    expect(() => parseArgs('removeAuthorization', ['eleme'])).toThrow(ApiInputError);
  });

  it('a 催单 reply names a reply kind and carries at most 30 characters of the shop’s own words', () => {
    expect(parseArgs('replyReminder', ['eleme:1', 'custom', ' 马上到 '])).toEqual(['eleme:1', 'custom', '马上到']);
    expect(() => parseArgs('replyReminder', ['eleme:1', '', ''])).toThrow(ApiInputError);
    expect(() => parseArgs('replyReminder', ['eleme:1', 'custom', '快'.repeat(31)])).toThrow(ApiInputError);
  });
});
