// @vitest-environment happy-dom
/**
 * The red banner staff see when the PC's clock is far from a platform's: which way, about how
 * much in words a person uses, and what to do — in Chinese and English; nothing when the
 * status carries no warning.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClockSkewWarning } from '../../../shared/api.js';
import ClockSkewBanner, { skewAmount } from '../../../renderer/src/ClockSkewBanner.js';
import i18n from '../../../renderer/src/i18n/index.js';

const MIN = 60_000;
const YEAR = 365 * 24 * 60 * MIN;
const skew = (aheadMs: number, platform: ClockSkewWarning['platform'] = 'meituan'): ClockSkewWarning => ({ platform, aheadMs, measuredAt: '2026-11-25T04:00:00.000Z' });

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('zh-CN');
});

const banner = (w: ClockSkewWarning | undefined): string | null => {
  render(createElement(ClockSkewBanner, { skew: w }));
  return screen.queryByTestId('clock-skew-banner')?.textContent ?? null;
};

describe('clock skew banner', () => {
  it('says a PC two years slow, what to do, in red as an alert', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(banner(skew(-2 * YEAR))).toBe('电脑时间不准：比美团外卖时间慢约 2 年。请校准电脑时间，否则订单会显示在错误的日期。');
    expect(screen.getByRole('alert').className).toContain('banner-error');
  });

  it('says a PC fast by minutes or hours, against the platform measured', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(banner(skew(7 * MIN))).toContain('比美团外卖时间快约 7 分钟');
    cleanup();
    expect(banner(skew(3 * 60 * MIN, 'union'))).toContain('比美团联盟时间快约 3 小时');
  });

  it('speaks English too', async () => {
    await i18n.changeLanguage('en');
    expect(banner(skew(-2 * YEAR))).toBe(
      "This computer's clock is wrong: about 2 years behind Meituan's time. Set the computer's clock right, or orders will show under the wrong day.",
    );
  });

  it('shows nothing while the clock is right', () => {
    expect(banner(undefined)).toBeNull();
  });

  it('picks the unit a person would say', () => {
    expect(skewAmount(-6 * MIN)).toEqual({ unit: 'minutes', n: 6 });
    expect(skewAmount(119 * MIN)).toEqual({ unit: 'minutes', n: 119 });
    expect(skewAmount(5 * 60 * MIN)).toEqual({ unit: 'hours', n: 5 });
    expect(skewAmount(-3 * 24 * 60 * MIN)).toEqual({ unit: 'days', n: 3 });
    expect(skewAmount(-2 * YEAR - 5 * MIN)).toEqual({ unit: 'years', n: 2 });
  });
});
