/**
 * Meituan's fixture for the platform contract suite (../contract.ts): the worked signature
 * examples of README.md here ("Signing"), and pushes built the way the sandbox builds them.
 */
import type { PlatformContract, WirePush } from '../contract.js';
import { orderJson } from './sandbox-notify.js';
import { generateOrderInput } from './sandbox-orders.js';
import { newOrderState, STATUS } from './sandbox-state.js';
import { meituanSign } from './sign.js';

const DEVELOPER_ID = '100001';
const SIGN_KEY = 'contractSignKey01';
const STORE = 'store-1';
const EXAMPLE_KEY = 'demoSignKey0001';
/** A fixed clock, so the order JSON (and the pushes) are the same on every run. */
const NOW_S = 1_764_043_200;

/** Deterministic "random" for the sandbox's order generator. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

function order(orderId: string, status: number): string {
  const input = generateOrderInput(seeded(7), STORE, '1', NOW_S - 60, { orderId });
  const state = newOrderState(input, STORE, NOW_S - 60);
  state.times.status = status;
  if (status === STATUS.CONFIRMED) state.times.orderConfirmTime = NOW_S;
  return orderJson(state);
}

function push(path: string, fields: Record<string, string>): WirePush {
  const signed = { ...fields, sign: meituanSign(SIGN_KEY, fields) };
  return {
    method: 'POST',
    path,
    query: '',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(signed).toString(),
  };
}

export const contract: PlatformContract = {
  config: { developerId: DEVELOPER_ID, signKey: SIGN_KEY },
  storeId: STORE,
  signatures: [
    {
      what: 'a confirm call',
      computed: meituanSign(EXAMPLE_KEY, { appAuthToken: 'tok_abc123', charset: 'utf-8', timestamp: '1700000000', orderId: '27061900338318741' }),
      expected: 'cfbb22216e38701465743c36df9b6c1c618a4b03',
    },
    {
      what: 'a push',
      computed: meituanSign(EXAMPLE_KEY, { developerId: '100001', ePoiId: 'store-1', order: '{"orderId":27061900338318741,"status":2,"caution":"少辣"}' }),
      expected: '27006815e43f2e145914536ec691f04505b1c502',
    },
  ],
  firstPush: (orderId) => push('/meituan/order/new', { developerId: DEVELOPER_ID, ePoiId: STORE, order: order(orderId, STATUS.NEW) }),
  laterPush: (orderId) => push('/meituan/order/confirmed', { developerId: DEVELOPER_ID, ePoiId: STORE, order: order(orderId, STATUS.CONFIRMED) }),
  tamper: (p) => {
    const form = new URLSearchParams(p.body);
    const sign = form.get('sign') ?? '';
    form.set('sign', `${sign.slice(0, -1)}${sign.endsWith('0') ? '1' : '0'}`);
    return { ...p, body: form.toString() };
  },
  isRefusal: (body) => {
    const parsed = JSON.parse(body) as { data?: unknown; reason?: unknown };
    return (parsed.data === 'NOT OK' || parsed.data === 'fail') && typeof parsed.reason === 'string';
  },
  pulled: { orderJson: (orderId) => order(orderId, STATUS.NEW) },
  alreadyAccepted: {
    token: 'contract-token',
    // Meituan answers HTTP 200 with an error object; 1008 is "order already confirmed".
    fetch: async () =>
      new Response('{"error":{"code":1008,"error_type":"order_status_error","message":"订单已确认"}}', {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
  },
};
