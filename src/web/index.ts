// The card payment page's API for providers: the page in its skins, the form's check, the test
// cards and their outcomes. src/web never imports a provider; providers import from here.
export { captchaOf, checkCardForm, formAlert, formMessages, keptValues, type CardCheck, type CardForm, type FormErrors, type FormField, type FormValues } from './card-form.js';
export {
  CardPage,
  ClosedCardPage,
  closedMessages,
  closedReasons,
  countdownText,
  renderCardPage,
  renderClosedPage,
  renderedHtml,
  type CardPageProps,
  type ClosedPageProps,
  type ClosedReason,
} from './card-page.js';
export { failureClasses, failureClassOf, failureReasons, groupedPan, maskPan, outcomeOf, testCardByNumber, testCards, type FailureClass, type FailureReason, type TestCard, type TestCardOutcome } from './cards.js';
export { gatewayTitle, skinNames, skins, type Skin, type SkinLook } from './skins.js';
export { faCardNumber, faDigits, rial, toman } from './digits.js';
export { fontFace, fontPath, fontUrl, registerFonts } from './fonts.js';
export { LabelledRow, PersianPage, type PersianPageProps } from './persian-page.js';
export { testCardFill, type TestCardFill } from './test-card-fill.js';
