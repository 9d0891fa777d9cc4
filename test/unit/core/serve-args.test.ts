/** `serve --public-url`: the shop's fixed https address goes into the Desk's config (issue 5, item 6). */
import { describe, expect, it } from 'vitest';
import { parseServeArgs, UsageError } from '../../../electron/headless/cli.js';

describe('parseServeArgs --public-url', () => {
  it('puts an https URL into the config, without a trailing slash', async () => {
    const o = await parseServeArgs(['--data-dir', '/tmp/x', '--public-url', 'https://waimai.shop.example/']);
    expect(o.config.publicUrl).toBe('https://waimai.shop.example');
  });

  it('leaves it out when not given', async () => {
    const o = await parseServeArgs(['--data-dir', '/tmp/x']);
    expect(o.config.publicUrl).toBeUndefined();
  });

  it('refuses anything but https', async () => {
    await expect(parseServeArgs(['--public-url', 'http://waimai.shop.example'])).rejects.toThrow(UsageError);
    await expect(parseServeArgs(['--public-url', 'not a url'])).rejects.toThrow(/--public-url/);
  });
});
