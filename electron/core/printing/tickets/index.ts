/** Tickets: order + template settings → ESC/POS bytes, a picture and text (README.md here). */
export { renderTicket, renderDoc, ticketLines, ESC_POS_COMMANDS, type RenderedTicket, type TicketContext } from './render.js';
export { sampleOrder } from './sample.js';
export { renderTestPage } from './test-page.js';
export { lit } from './escape.js';
export { CPL } from './layout.js';
