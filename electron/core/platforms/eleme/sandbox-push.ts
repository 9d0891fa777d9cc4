/**
 * Eleme's side of the sandbox's outgoing pushes: which answer counts as delivered. The sending
 * and re-sending is the shared push engine's.
 */
import { answerField, isTextLike } from '../common/sandbox-push-engine.js';

/** Eleme's success answer: HTTP 200 and a JSON object whose `message` is `ok` (lower case documented; case tolerated). */
export function isElemeOk(status: number | null, body: string | null): boolean {
  return status === 200 && isTextLike(answerField(body, 'message'), 'ok');
}
