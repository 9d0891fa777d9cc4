/** Words of this part of the UI. `en` must have every key `zh` has. */
const zh = {};

const en: typeof zh = {};

export default { zh, en };
