/**
 * The one-file embed: `<script type="module" src="/ofd-signer.js"></script>` and `<ofd-signer …>` anywhere on the
 * page. Same element as the library entry, with lit and the API client bundled in; only CryptoPro's own loader
 * (npm `cadesplugin-api`) stays a separate file, fetched when a page without a newer loader first checks the plug-in.
 */
import './index.js';
