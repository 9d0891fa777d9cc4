/**
 * The exact-JSON and money helpers this folder uses. They live once, beside the first platform
 * that needed them; this file is the one place that says where, so moving them is one line.
 */
export {
  asRecord,
  centsFromYuan,
  intOf,
  numberOf,
  parseJsonExact,
  prop,
  text,
  type JsonRecord,
} from '../meituan/values.js';
