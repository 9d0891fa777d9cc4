/**
 * What each platform folder hands the platform contract suite (its `contract.ts`): made-up
 * credentials, worked signature examples and pushes on the wire. The suite
 * (test/unit/platforms/contract.test.ts) runs the same checks against every registered platform
 * through a real receiver and store; a check that does not apply to a platform is said so here,
 * with the reason, rather than skipped.
 */

/** A request as the platform would send it. */
export interface WirePush {
  method: 'GET' | 'POST';
  path: string;
  /** The query string without '?', '' if none. */
  query: string;
  headers: Record<string, string>;
  body: string;
}

/** A check that does not apply to this platform, and why. */
export interface NotApplicable {
  notApplicable: string;
}

export function applies<T extends object>(x: T | NotApplicable): x is T {
  return !('notApplicable' in x);
}

export interface PlatformContract {
  /** The platform's config section for the suite (made-up secrets). */
  config: Record<string, unknown>;
  /** The shop's store the pushes name ('' when the platform's orders name none). */
  storeId: string;
  /** Worked signature examples: what our signer computes, and what the platform's documents give. */
  signatures: readonly { what: string; computed: string; expected: string }[];
  /** A signed push announcing order `orderId` (a new takeaway order; a paid promotion order). */
  firstPush(orderId: string): WirePush;
  /** A signed push of the same order one step later (accepted; completed). */
  laterPush(orderId: string): WirePush;
  /** The same push with its signature broken. */
  tamper(push: WirePush): WirePush;
  /** True when the body is a refusal in the platform's dialect (what it answers a bad push with). */
  isRefusal(body: string): boolean;
  /** The order `orderId` as the platform's API answers when pulled (the text journaled). */
  pulled: { orderJson(orderId: string): string } | NotApplicable;
  /** A fetch answering an accept with the platform's "already accepted", and a token to call with. */
  alreadyAccepted: { fetch: typeof globalThis.fetch; token: string } | NotApplicable;
}
