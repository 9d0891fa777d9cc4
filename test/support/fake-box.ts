/** A SecretBox for tests that seals visibly (reversed, prefixed), so a plain secret on disk cannot hide. */
import type { SecretBox } from '../../electron/core/storage/bindings.js';

export const fakeBox: SecretBox = {
  kind: 'fake-box',
  seal: (plain) => `sealed:${[...plain].reverse().join('')}`,
  open: (sealed) => {
    if (!sealed.startsWith('sealed:')) throw new Error('not sealed by this box');
    return [...sealed.slice(7)].reverse().join('');
  },
};
