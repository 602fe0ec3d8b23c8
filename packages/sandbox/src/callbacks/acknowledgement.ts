import { charsetParameter, decodeText, resolveCharset } from '../wire/charset.ts';
import type { WireFormat } from '../wire/wire-format.ts';
import { xmlToFields } from '../wire/xml-fields.ts';
import type { CallbackAnswer } from './post-callback.ts';

/** What the merchant's answer to a callback means. */
export interface Acknowledgement {
  acknowledged: boolean;
  /** The answer as text (or why it could not be read), for the delivery record. */
  text: string;
}

/**
 * Whether an answer acknowledges a callback. In JSON the supplier compares the body literally with
 * `success` (`success\n` or `"success"` is not one); in XML it wants
 * `<xml><return_code>SUCCESS</return_code></xml>` (CDATA or not), as WeChat Pay v2 does. Either way
 * only a 2xx counts. The answer is decoded in its Content-Type's charset, else the callback's.
 */
export function readAcknowledgement(answer: CallbackAnswer, wire: WireFormat): Acknowledgement {
  const charset = resolveCharset(charsetParameter(answer.contentType) ?? wire.charset);
  if (charset === undefined) return { acknowledged: false, text: `unknown charset in ${answer.contentType}` };
  let text: string;
  try {
    text = decodeText(answer.bytes, charset, 'acknowledgement');
  } catch (error) {
    return { acknowledged: false, text: (error as Error).message };
  }
  if (answer.status < 200 || answer.status >= 300) return { acknowledged: false, text };
  if (wire.format === 'json') return { acknowledged: text === 'success', text };
  try {
    return { acknowledged: xmlToFields(text, 'acknowledgement').return_code === 'SUCCESS', text };
  } catch {
    return { acknowledged: false, text };
  }
}
