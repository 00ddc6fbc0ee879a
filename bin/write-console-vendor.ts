// `npm run console-vendor`: writes web/console/vendor/oidc-client-ts.js, the browser module the
// commander console signs in with, from the installed oidc-client-ts. Run it after upgrading the
// package; tests/unit/console/console-vendor.test.ts fails while the committed file is out of date.
import { consoleVendorFile, consoleVendorText } from './console-vendor-bundle.js';
import { writeGeneratedFile } from './write-generated-file.js';

writeGeneratedFile(consoleVendorFile, await consoleVendorText());
