import * as z from 'zod/mini';
import { en } from 'zod/locales';

// zod/mini, unlike zod's classic API, loads no locale: without one, every issue reads "Invalid
// input". Problem details, configuration errors and log lines quote these messages, so each module
// that validates with zod/mini imports this first. Only English is bundled (a few KiB).
z.config(en());
