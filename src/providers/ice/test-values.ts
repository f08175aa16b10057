// ICE's documented test inputs (GET /_sandbox/test-values and the README): each module that
// defines scripted behaviour (test mobiles, national codes, cards) adds its own here.
import type { TestValue } from '../../core/provider.js';
import { bankPageTestValues } from './bank/test-values.js';
import { accountTestValues } from './account-test-values.js';
import { reportTestValues } from './reports/test-values.js';
import { consentTestValues } from './consent/test-values.js';
import { reportBodyTestValues } from './reports/body-test-values.js';
import { apiAccessTestValues } from './api-access/test-values.js';

export function iceTestValues(): readonly TestValue[] {
  return [...accountTestValues(), ...bankPageTestValues(), ...reportTestValues(), ...reportBodyTestValues(), ...consentTestValues(), ...apiAccessTestValues()];
}
