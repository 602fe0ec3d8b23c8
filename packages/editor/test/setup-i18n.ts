// Unit and component tests read the English catalogue, as a user with an English browser would.

import { applyMessages } from '../src/i18n/i18n.ts';
import en from '../src/i18n/messages/en.json' with { type: 'json' };

applyMessages('en', en);
