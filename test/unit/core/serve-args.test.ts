/** `serve --public-url`: the shop's fixed https address goes into the Desk's config. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('parseServeArgs --time-zone', () => {
  it('takes a valid IANA zone over the config file and the sandbox default', async () => {
    const o = await parseServeArgs(['--data-dir', '/tmp/x', '--time-zone', 'Europe/Berlin']);
    expect(o.config.timeZone).toBe('Europe/Berlin');
  });

  it('defaults to Asia/Shanghai in sandbox mode, whatever the machine says', async () => {
    const o = await parseServeArgs(['--data-dir', '/tmp/x', '--sandbox']);
    expect(o.sandbox).toBe(true);
    expect(o.config.timeZone).toBe('Asia/Shanghai');
  });

  it("keeps the config file's zone when the flag is not given", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'serve-args-'));
    const file = join(dir, 'config.json');
    await writeFile(file, JSON.stringify({ timeZone: 'Asia/Tokyo', stores: [] }));
    try {
      const o = await parseServeArgs(['--data-dir', '/tmp/x', '--config', file, '--sandbox']);
      expect(o.config.timeZone).toBe('Asia/Tokyo');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a zone that does not exist, naming the flag', async () => {
    await expect(parseServeArgs(['--time-zone', 'Mars/Olympus'])).rejects.toThrow(/--time-zone/);
    await expect(parseServeArgs(['--time-zone', '+08:00'])).rejects.toThrow(UsageError);
  });
});
