import { describe, expect, it } from 'vitest';
import { DESK_API_METHODS } from '../../../shared/api-methods.js';
import { apiArgs } from '../../../electron/core/api-schemas.js';

describe('DESK_API_METHODS (what the preload exposes)', () => {
  it('names exactly the methods that have argument schemas', () => {
    expect([...DESK_API_METHODS].sort()).toEqual(Object.keys(apiArgs).sort());
    expect(new Set(DESK_API_METHODS).size).toBe(DESK_API_METHODS.length);
  });
});
