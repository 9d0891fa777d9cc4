/**
 * Names the installer and the running app must agree on. Windows ignores a user's notification
 * settings when `app.setAppUserModelId` differs from the installer's appId (docs/counter-lessons.md), so
 * electron-builder.yml's `appId` is checked against APP_ID by a test.
 */
export const APP_ID = 'cn.waimaidesk.counter';
export const PRODUCT_NAME = '外卖接单台';
export const EXECUTABLE_NAME = 'waimai-desk';
