/** Everything English, one chunk loaded on demand: the widget's sentences and the plug-in adapter's. */
export { en } from './en.js';
export { pluginEn } from '../../plugin/sentences-en.js';
