/**
 * The identity of a signed push for the store's dedupe: every field but the signature, in name
 * order, so a re-send of the same push (signed again, fields in another order) is known as one.
 */
export function signedFieldsKey(fields: Record<string, string>, signatureField = 'sign'): string {
  const drop = signatureField.toLowerCase();
  const kept = Object.entries(fields)
    .filter(([k]) => k.toLowerCase() !== drop)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(kept);
}
