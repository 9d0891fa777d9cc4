/**
 * `saveAppConfig` through a Desk: started from the app's config store (as the Electron shell
 * does) it saves and hands the opened config to the host to restart with; started like `serve`
 * (a --config file or the demo) it shows the settings read-only and refuses to save.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeskActionError } from '../../../electron/core/api-schemas.js';
import { openAppConfig } from '../../../electron/core/app-config.js';
import { parseConfig, type DeskConfig } from '../../../electron/core/config.js';
import { Desk, type DeskOptions } from '../../../electron/core/desk.js';
import { ownerOnlyFileBox } from '../../../electron/core/storage/bindings.js';
import { fakeBox } from '../../support/fake-box.js';
import { quietLogger, tempDir } from '../../support/helpers.js';

const SIGN_KEY = 'madeUpSignKey42';
const fileConfig = parseConfig({ meituan: { developerId: '100001', signKey: SIGN_KEY }, stores: [{ id: 'store-1', name: '湘北人家' }] });

let dir: string;
let cleanup: () => Promise<void>;
let desk: Desk | null = null;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => {
  await desk?.stop();
  desk = null;
  await cleanup();
});

const start = async (o: Partial<DeskOptions>): Promise<Desk> =>
  (desk = await Desk.start({ dataDir: dir, config: fileConfig, sandbox: false, logger: quietLogger, secretBox: fakeBox, ...o }));

describe('Desk: credentials and stores', () => {
  it('saves through the app config store and asks the host to restart with the opened config', async () => {
    const appConfig = await openAppConfig(dir, fakeBox);
    const restarts: DeskConfig[] = [];
    const onConfigSaved = vi.fn(async (config: DeskConfig) => void restarts.push(config));
    // As the shell's demo mode: the Desk runs on made-up credentials, the store holds nothing.
    const d = await start({ sandbox: true, configStore: appConfig, onConfigSaved });
    expect(await d.getAppConfig()).toMatchObject({ meituan: null, stores: [], editable: true, source: 'app' });

    const view = await d.saveAppConfig({
      meituan: { developerId: '100234', signKey: SIGN_KEY },
      union: null,
      stores: [{ id: 'shop-1', name: '新店' }],
    });
    expect(onConfigSaved).toHaveBeenCalledTimes(1);
    expect(restarts[0]?.meituan).toMatchObject({ developerId: '100234', signKey: SIGN_KEY });
    expect(restarts[0]?.stores).toEqual([{ id: 'shop-1', name: '新店' }]);
    expect(view).toMatchObject({ meituan: { developerId: '100234', signKeySet: true }, editable: true, source: 'app' });
    expect(JSON.stringify(view)).not.toContain(SIGN_KEY);
  });

  it('turns a refused save into a DeskActionError with the store’s words, and does not restart', async () => {
    const onConfigSaved = vi.fn(async () => undefined);
    const d = await start({ configStore: await openAppConfig(dir, fakeBox), onConfigSaved });
    const err = await d.saveAppConfig({ meituan: { developerId: 'abc', signKey: SIGN_KEY }, union: null, stores: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeskActionError);
    expect((err as DeskActionError).message).toBe('美团开发者 ID 只能是数字');
    expect(onConfigSaved).not.toHaveBeenCalled();
  });

  it('says so when the save worked but the restart did not', async () => {
    const d = await start({ configStore: await openAppConfig(dir, fakeBox), onConfigSaved: async () => Promise.reject(new Error('端口被占用')) });
    await expect(d.saveAppConfig({ meituan: null, union: null, stores: [{ id: 's', name: 'S' }] })).rejects.toThrow(
      '设置已保存，但接单服务没能按新设置重启：端口被占用',
    );
    expect((await openAppConfig(dir, fakeBox)).config?.stores).toEqual([{ id: 's', name: 'S' }]);
  });

  it.each([
    ['config-file', false],
    ['sandbox', true],
  ] as const)('started like serve (%s): shows the config read-only, never the secret, and refuses to save', async (source, sandbox) => {
    const d = await start({ sandbox, secretBox: ownerOnlyFileBox, configSource: source });
    const view = await d.getAppConfig();
    expect(view).toMatchObject({ editable: false, source, meituan: { developerId: '100001', signKeySet: true }, stores: [{ id: 'store-1', name: '湘北人家' }] });
    expect(JSON.stringify(view)).not.toContain(SIGN_KEY);
    await expect(d.saveAppConfig({ meituan: null, union: null, stores: [] })).rejects.toThrow(
      new DeskActionError('当前由配置文件/演示模式管理，请编辑配置文件后重启'),
    );
  });
});
