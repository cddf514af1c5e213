/** Everything English, one chunk loaded on demand: the widget's sentences, the plug-in adapter's and the API's. */
export { en } from './en.js';
export { pluginEn } from '../../plugin/sentences-en.js';
export { apiEn } from '../../api/sentences-en.js';
