/** Words of the shop floor's rules part. `en` must have every key `zh` has. */
const zh = {};

const en: typeof zh = {};

export default { zh, en };
