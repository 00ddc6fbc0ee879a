// `npm run config-schema`: writes incident-comms.config.schema.json, the JSON Schema that the
// configuration's "$schema" points at, from the zod schema. Run it after changing config-schema.ts;
// tests/unit/config/config-json-schema.test.ts fails while the committed file is out of date.
import { configJsonSchemaFileName, configJsonSchemaText } from '../lambdas/core/config/config-json-schema.js';
import { writeGeneratedFile } from './write-generated-file.js';

writeGeneratedFile(configJsonSchemaFileName, configJsonSchemaText());
