// zod/mini ships without messages ("Invalid input" for everything). The extension host loads the
// English ones, once, before anything is parsed: a setting's problem, a dropped message or a
// corrupt usage entry is then reported in words ("Too small: expected number to be >=0").
// Only English, from its own file: the locales index would bundle every language.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());
