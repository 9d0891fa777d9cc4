/**
 * Meituan Union's fixture for the platform contract suite (../contract.ts). Union only pushes:
 * no API to pull orders from and no order to accept, so those checks say why they do not apply.
 */
import type { PlatformContract, WirePush } from '../contract.js';
import { unionSign } from './sign.js';

const SECRET = 'contractUnionSecret01';

function push(fields: Record<string, string>): WirePush {
  return {
    method: 'POST',
    path: '/union/order',
    query: '',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...fields, sign: unionSign(SECRET, fields) }),
  };
}

function order(orderid: string, status: '1' | '8'): Record<string, string> {
  return { orderid, sid: 'group-01', status, smstitle: '湘北人家 双人套餐', quantity: '2', total: '30', payPrice: '25.5', paytime: '1764043140', modTime: status === '1' ? '1764043140' : '1764043200' };
}

export const contract: PlatformContract = {
  config: { callbackSecret: SECRET },
  storeId: '',
  signatures: [
    {
      what: 'the protocol’s worked example (numbers signed as their raw text)',
      computed: unionSign('demoCallbackSecret', {
        orderid: '1234567890', sid: 'user42', status: '1', businessLine: '2', subBusinessLine: '1', actId: '33', paytime: '1700000000',
        ordertime: '1699999990', modTime: '1700000000', payPrice: '25.5', total: '30', quantity: '1', smstitle: '测试外卖订单', appkey: 'media01', uid: '9001',
      }),
      expected: '3c539a8434e77086c16349c54482c4be',
    },
  ],
  firstPush: (orderId) => push(order(orderId, '1')),
  laterPush: (orderId) => push(order(orderId, '8')),
  tamper: (p) => {
    const body = JSON.parse(p.body) as Record<string, string>;
    body['sign'] = `${body['sign']!.slice(0, -1)}${body['sign']!.endsWith('0') ? '1' : '0'}`;
    return { ...p, body: JSON.stringify(body) };
  },
  isRefusal: (body) => (JSON.parse(body) as { errcode?: unknown }).errcode === '1',
  pulled: { notApplicable: 'Union keeps no order list to pull from: its orders arrive only as pushes (re-sent until answered).' },
  alreadyAccepted: { notApplicable: 'Union orders are commission records: there is nothing to accept, so no accept call exists.' },
};
