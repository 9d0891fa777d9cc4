/**
 * Eleme's contract fixture holds together on its own: its worked examples match, its pushes
 * pass the route's own checks (and the tampered one does not, refused in Eleme's dialect), and
 * its pulled order is the same order as its first push. The platform contract suite runs the
 * same fixture through the registry once Eleme is registered there.
 */
import { describe, expect, it } from 'vitest';
import type { WirePush } from '../../../../electron/core/platforms/contract.js';
import { contract } from '../../../../electron/core/platforms/eleme/contract.js';
import { interpretElemePulled } from '../../../../electron/core/platforms/eleme/interpret.js';
import { elemePushRoute } from '../../../../electron/core/platforms/eleme/routes.js';
import type { Effect } from '../../../../electron/core/platforms/types.js';
import { rejection } from './helpers.js';

const config = { appKey: String(contract.config.appKey), appSecret: String(contract.config.appSecret) };

function receive(push: WirePush): Effect[] {
  const fields = elemePushRoute.parse({ method: push.method, headers: push.headers, query: push.query, body: Buffer.from(push.body) });
  elemePushRoute.verify(fields, { config, pendingBinding: () => false });
  return elemePushRoute.interpret(fields);
}

describe('eleme contract fixture', () => {
  it('reproduces its worked signature examples', () => {
    for (const ex of contract.signatures) expect({ what: ex.what, sign: ex.computed }).toEqual({ what: ex.what, sign: ex.expected });
  });

  it('pushes a new order for its store, then its acceptance, both verified', () => {
    const id = '90071992547409931';
    const first = receive(contract.firstPush(id));
    expect(first).toMatchObject([{ kind: 'order', update: { kind: 'snapshot', orderId: id, storeId: contract.storeId } }]);
    expect(receive(contract.laterPush(id))).toMatchObject([{ kind: 'order', update: { kind: 'status', orderId: id, status: 'accepted' } }]);
    expect(contract.firstPush(id)).toEqual(contract.firstPush(id));
  });

  it('breaks the signature when tampering, and knows the refusal Eleme would get', () => {
    const r = rejection(() => receive(contract.tamper(contract.firstPush('90071992547409951'))));
    expect(r.httpStatus).toBe(403);
    expect(contract.isRefusal(elemePushRoute.failBody(r.reason))).toBe(true);
    expect(contract.isRefusal(elemePushRoute.okBody)).toBe(false);
  });

  it('pulls the same order its first push carries', () => {
    if (!('orderJson' in contract.pulled)) throw new Error('Eleme has a pull');
    const id = '90071992547409961';
    const pulled = interpretElemePulled(contract.pulled.orderJson(id));
    expect(pulled).toMatchObject({ orderId: id, storeId: contract.storeId });
    const pushed = receive(contract.firstPush(id))[0];
    if (pushed?.kind !== 'order' || pushed.update.kind !== 'snapshot' || pulled.kind !== 'snapshot') throw new Error('snapshots expected');
    expect(pulled.snapshot.items).toEqual(pushed.update.snapshot.items);
  });
});
