/**
 * The registry: every platform the app speaks, one line each. The core reaches platforms only
 * through this list and the `PlatformModule` interface (types.ts); adding a platform is its
 * folder plus one line here (and its identity in shared/platforms.ts, which the window reads).
 */
import type { Platform } from '../../../shared/order.js';
import { eleme } from './eleme/index.js';
import { meituan } from './meituan/index.js';
import type { PlatformModule } from './types.js';
import { union } from './union/index.js';

export const PLATFORM_MODULES: readonly PlatformModule[] = [
  meituan,
  eleme,
  union,
];

export function platformModule(id: Platform): PlatformModule | undefined {
  return PLATFORM_MODULES.find((p) => p.name === id);
}

/** Every callback route of every platform. */
export function allRoutes(modules: readonly PlatformModule[] = PLATFORM_MODULES): PlatformModule['routes'] {
  return modules.flatMap((p) => p.routes);
}
