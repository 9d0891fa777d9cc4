/** Words of the shop floor's prepare part. `en` must have every key `zh` has. */
const zh = {};

const en: typeof zh = {};

export default { zh, en };
