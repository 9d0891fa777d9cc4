/**
 * Eleme's fixture for the platform contract suite (../contract.ts): the worked push-signature
 * examples of README.md here ("Push signature"), and pushes as Eleme sends them — a flat JSON
 * envelope, `message` a JSON string, numbers bare, a 19-digit `userId`.
 */
import type { PlatformContract, WirePush } from '../contract.js';
import { elemePushSign } from './sign.js';

const APP_KEY = 'contractAppKey01';
const SECRET = 'contractAppSecret01';
const STORE = 'store-1';
const SHOP_ID = '168830001';
const APP_ID = '62933118';
const USER_ID = '5486031036067039666';
/** A fixed clock (Beijing 2025-11-25 12:00), so the pushes are the same on every run. */
const NOW_MS = 1_764_043_200_000;

/** The order object as the API answers it and a new-order push carries it (compact JSON text). */
function order(orderId: string, status: 'unprocessed' | 'valid'): string {
  return (
    `{"id":"${orderId}","orderId":"${orderId}","address":"长沙市岳麓区麓山南路932号","createdAt":"2025-11-25T11:59:00",` +
    `"activeAt":"2025-11-25T11:59:02","deliverFee":3.0,"deliverTime":null,"description":"少辣",` +
    `"groups":[{"name":"1号篮子","type":"normal","items":[{"id":1001,"skuId":-1,"name":"小炒黄牛肉","price":48.0,"quantity":1,"total":48.0,` +
    `"newSpecs":[],"attributes":[],"extendCode":"XB001"},{"id":1002,"skuId":-1,"name":"米饭","price":2.0,"quantity":2,"total":4.0,` +
    `"newSpecs":[],"attributes":[],"extendCode":"XB008"}]}],"invoiced":false,"book":false,"onlinePaid":true,"phoneList":["13800138000"],` +
    `"shopId":${SHOP_ID},"openId":"${STORE}","shopName":"湘北人家","daySn":3,"status":"${status}","refundStatus":"noRefund",` +
    `"totalPrice":55.0,"originalPrice":55.0,"consignee":"王先生","deliveryGeo":"112.9388,28.1713","income":45.1,"downgraded":false}`
  );
}

function push(type: number, requestId: string, message: string, at: number): WirePush {
  const fields = {
    requestId,
    type: String(type),
    appId: APP_ID,
    message,
    shopId: SHOP_ID,
    timestamp: String(at),
    userId: USER_ID,
  };
  const signature = elemePushSign(SECRET, fields);
  return {
    method: 'POST',
    path: '/eleme/push',
    query: '',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body:
      `{"requestId":"${requestId}","type":${type},"appId":${APP_ID},"message":${JSON.stringify(message)},` +
      `"shopId":${SHOP_ID},"timestamp":${at},"userId":${USER_ID},"signature":"${signature}"}`,
  };
}

const DOC_MESSAGE = '{"orderId":"100027500485933656","state":"settled","shopId":968861,"updateTime":1482161481,"role":3}';
const REMINDER_MESSAGE =
  '{"orderId":"3000000000000000001","remindId":"7000000000000000003","shopId":168000001,"content":"快点\\"谢谢\\"/"}';

export const contract: PlatformContract = {
  config: { appKey: APP_KEY, appSecret: SECRET, sandbox: true },
  storeId: STORE,
  signatures: [
    {
      what: 'the documentation’s type-12 push, with the made-up secret test_secret',
      computed: elemePushSign('test_secret', {
        requestId: '10135', type: '12', appId: '62933118', message: DOC_MESSAGE, shopId: '968861', timestamp: '1482161482053', userId: '62864532',
      }),
      expected: 'CC1586E404AF74522DB25A6283DD804B',
    },
    {
      what: 'a reminder push: 19-digit userId, Chinese, escaped quotes and a slash in the message',
      computed: elemePushSign('test_secret', {
        requestId: '2311582597839852666', type: '45', appId: '62933118', message: REMINDER_MESSAGE, shopId: '168000001',
        timestamp: '1690300772790', userId: '5486031036067039666',
      }),
      expected: '041DB58E1E2263A8823D0E691A6848BE',
    },
  ],
  // The request id is the push's identity: the same push re-sent carries the same one.
  firstPush: (orderId) => push(10, `new-${orderId}`, order(orderId, 'unprocessed'), NOW_MS),
  laterPush: (orderId) =>
    push(12, `accepted-${orderId}`, `{"orderId":"${orderId}","state":"valid","shopId":${SHOP_ID},"updateTime":${NOW_MS / 1000 + 60},"role":3}`, NOW_MS + 60_000),
  tamper: (p) => {
    const signature = /"signature":"([0-9A-F]{32})"/.exec(p.body)?.[1] ?? '';
    const broken = `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`;
    return { ...p, body: p.body.replace(`"signature":"${signature}"`, `"signature":"${broken}"`) };
  },
  isRefusal: (body) => {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === 'string' && parsed.message.toLowerCase() !== 'ok';
  },
  pulled: { orderJson: (orderId) => order(orderId, 'unprocessed') },
  alreadyAccepted: {
    token: 'contract-token',
    // Eleme publishes no code for "already accepted": the accept is refused with a business
    // error, and the order read back says it is accepted (valid).
    fetch: async (_url, init) => {
      // Read as text: the order id may be sent as a bare number beyond what a double holds.
      const request = String(init?.body ?? '');
      const id = /"id":"([^"]*)"/.exec(request)?.[1] ?? '';
      const orderId = /"orderId":"?(\d+)/.exec(request)?.[1] ?? '';
      const answer = request.includes('"eleme.order.getOrder"')
        ? `{"id":"${id}","result":${order(orderId, 'valid')},"error":null}`
        : `{"id":"${id}","result":null,"error":{"code":"BIZ_ORDER_STATUS_ERROR","message":"订单状态不允许此操作"}}`;
      return new Response(answer, { status: 200, headers: { 'content-type': 'application/json' } });
    },
  },
};
