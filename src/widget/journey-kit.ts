/**
 * The journey and its views, in a chunk of their own: the element's shell (lit, styles, the frame, Russian) paints
 * the first screen at once and fetches this beside it.
 */
export { JourneyController } from './journey/controller.js';
export { renderView, stepOf } from './views/switch.js';
export { createOfdClient } from '../api/client.js';
